"""Decontamination: the Rouge-L and n-gram figures on small texts of our own, the drop rule, the notices."""

from __future__ import annotations

from pathlib import Path

import pytest

from chisellm.config.data import Decontaminate, SuitePaths
from chisellm.data.decontaminate import (
    SuiteText, best_rouge_l, containment, decontaminate, load_suite_texts, ngrams, rouge_l, words,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "eval"


def test_words_are_lower_case_runs_of_letters_and_digits() -> None:
    assert words("val io = IO(new Bundle { val a_b = UInt(8.W) })") == \
        ["val", "io", "io", "new", "bundle", "val", "a", "b", "uint", "8", "w"]


def test_rouge_l_is_the_f1_of_the_longest_common_subsequence() -> None:
    assert rouge_l("a b c d", "a c d e") == pytest.approx(2 * 3 / 8)  # LCS a c d
    assert rouge_l("the cat sat", "the cat sat") == 1.0
    assert rouge_l("x y z", "p q") == 0.0
    assert rouge_l("", "a") == 0.0
    assert rouge_l("a b a b a", "b a") == pytest.approx(2 * 2 / 7)
    assert best_rouge_l(["a b", "c d"], ["a b", "c"]) == [1.0, pytest.approx(2 / 3)]
    assert best_rouge_l(["a"], []) == [0.0]


def test_many_distinct_words_map_past_the_surrogate_block() -> None:
    vocab = [f"w{i}" for i in range(60000)]
    assert rouge_l(" ".join(vocab), " ".join(vocab[::2])) == pytest.approx(2 * 30000 / 90000)


def test_ngram_containment() -> None:
    grams = ngrams(words("one two three four"), 3)
    assert containment("one two three five", grams, 3) == 0.5
    assert containment("one two", grams, 3) == 0.0


def _row(row_id: str, instruction: str, code: str) -> dict:
    return {"id": row_id, "instruction": instruction, "output": f"```scala\n{code}\n```"}


def test_rows_over_either_bound_are_dropped_and_counted() -> None:
    spec = "Build a module that outputs the constant zero on its single output port named zero"
    suite = SuiteText("toy", (spec,), ("class TopModule extends RawModule { val zero = IO(Output(Bool())) }",))
    rows = [_row("copy", spec + " please", "class A extends Module { val q = IO(Output(UInt(4.W))) }"),
            _row("far", "Implement a sixteen bit Gray code counter with synchronous reset", "class B"),
            _row("code", "Something unrelated entirely", "class TopModule extends RawModule { val zero = "
                 "IO(Output(Bool())) }")]
    kept, report = decontaminate(rows, [suite], Decontaminate(ngram=3))
    assert [r["id"] for r in kept] == ["far"]
    assert report.dropped == ["code", "copy"] and report.rows_checked == 3
    overlap = report.suites[0]
    assert overlap.rows_over == 2 and overlap.max_rouge_answer == 1.0
    assert overlap.max_rouge_instruction == pytest.approx(2 * 15 / 31, abs=1e-4)  # 15 words and one more
    assert overlap.rows_sharing_ngram == 2
    assert "2 of 3 rows dropped" in report.headline()


def test_suites_without_a_path_are_skipped_with_a_notice() -> None:
    notices: list[str] = []
    texts, skipped = load_suite_texts(Decontaminate(), notices.append)
    assert set(skipped) >= {"verilog-eval-v2", "rtllm-v2"}
    assert any("decontaminate.suite_paths.verilog_eval_v2" in n for n in notices)
    vlog = next(t for t in texts if t.name == "verilog-eval-v2")
    assert vlog.prompts == () and len(vlog.answers) > 100  # the shipped answer key is always compared


def test_suite_paths_point_at_fixture_suites() -> None:
    cfg = Decontaminate(suite_paths=SuitePaths(verilog_eval_v2=str(FIXTURES / "verilog_eval"),
                                               rtllm_v2=str(FIXTURES / "rtllm")))
    texts, skipped = load_suite_texts(cfg, lambda _: None)
    by_name = {t.name: t for t in texts}
    assert "verilog-eval-v2" not in skipped and "rtllm-v2" not in skipped
    assert len(by_name["verilog-eval-v2"].prompts) == 3 and len(by_name["rtllm-v2"].prompts) >= 1
    row = _row("leak", by_name["verilog-eval-v2"].prompts[0], "class X")
    kept, report = decontaminate([row], texts, cfg)
    assert kept == [] and report.dropped == ["leak"]
