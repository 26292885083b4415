"""chisellm_run.json round trip and the errors export/eval see."""

from __future__ import annotations

import json

import pytest

from chisellm.config.run_record import RUN_RECORD_NAME, RunRecord, read_run_record, write_run_record
from chisellm.utils.errors import ChiselLLMError


def test_round_trip(tmp_path):
    record = RunRecord(config={"model_name_or_path": "build/tiny-qwen2", "finetuning_type": "lora", "template": "qwen"},
                       dataset_fingerprint={"path": "d.jsonl", "sha256": "ab" * 32, "rows": 40},
                       chisellm_version="0.1.0", best_checkpoint="out/checkpoint-10", metrics={"eval_loss": 1.5})
    write_run_record(tmp_path, record)
    data = json.loads((tmp_path / RUN_RECORD_NAME).read_text())
    assert set(data) == {"config", "dataset_fingerprint", "chisellm_version", "best_checkpoint", "metrics"}
    back = read_run_record(tmp_path)
    assert back == record
    assert (back.base_model, back.finetuning_type, back.template) == ("build/tiny-qwen2", "lora", "qwen")


def test_missing_or_broken_record_is_a_clear_error(tmp_path):
    with pytest.raises(ChiselLLMError, match="not a chisellm training output"):
        read_run_record(tmp_path)
    (tmp_path / RUN_RECORD_NAME).write_text('{"config": {}}')
    with pytest.raises(ChiselLLMError, match="not a valid run record"):
        read_run_record(tmp_path)
