"""Chat-template rendering, answer-only labels, cutoff accounting."""

from __future__ import annotations

import pytest

from chisellm.train.data import read_alpaca_rows
from chisellm.train.prompt import IGNORE_INDEX, encode_rows, ensure_chat_template, render_row
from chisellm.utils.errors import ChiselLLMError

pytestmark = pytest.mark.train


def test_labels_cover_exactly_the_answer(tiny_tokenizer, fixture_jsonl):
    rows = read_alpaca_rows(fixture_jsonl)[:5]
    samples, report = encode_rows(tiny_tokenizer, rows, cutoff_len=1024)
    assert report.truncated == 0 and len(samples) == 5
    for row, sample in zip(rows, samples):
        prompt, answer = render_row(tiny_tokenizer, row)
        assert prompt.endswith("<|im_start|>assistant\n") and row.instruction in prompt
        answer_ids = [t for t, label in zip(sample.input_ids, sample.labels) if label != IGNORE_INDEX]
        assert tiny_tokenizer.decode(answer_ids) == row.output + "<|im_end|>\n"
        assert sample.labels[0] == IGNORE_INDEX


def test_long_samples_are_cut_and_counted(tiny_tokenizer, fixture_jsonl):
    rows = read_alpaca_rows(fixture_jsonl)
    samples, report = encode_rows(tiny_tokenizer, rows, cutoff_len=64)
    assert report.truncated == len(rows)
    assert report.dropped == len(rows) - len(samples)
    assert all(len(s) <= 64 for s in samples)
    assert "longer than cutoff_len=64" in report.summary(64)


def test_unknown_template_is_an_error(tiny_tokenizer):
    with pytest.raises(ChiselLLMError, match="template `llama3`"):
        ensure_chat_template(tiny_tokenizer, "llama3")
