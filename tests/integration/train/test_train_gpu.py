"""On a CUDA GPU: QLoRA (4-bit bitsandbytes through from_pretrained) on the tiny model, packed, bf16, with GPU
memory scalars in the log."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chisellm.config.train import load_train_config
from chisellm.train.recipe import run_training
from chisellm.config.run_record import read_run_record

REPO = Path(__file__).resolve().parents[3]


@pytest.mark.gpu
def test_qlora_on_gpu(tmp_path, tiny_model_dir, fixture_jsonl):
    config = load_train_config(REPO / "configs" / "train" / "tiny.yaml", [
        f"model_name_or_path={tiny_model_dir}", f"dataset={fixture_jsonl}", f"output_dir={tmp_path}",
        "quantization_bit=4", "bf16=true", "max_steps=6", "save_steps=3", "eval_steps=3", "report_to=none"])
    lines: list[str] = []
    summary = run_training(config, echo=lines.append)
    assert summary.global_step == 6 and summary.eval_loss is not None
    assert any(line.startswith("preflight: device: ") and "cpu" not in line for line in lines)
    assert read_run_record(tmp_path).config["quantization_bit"] == 4
    assert json.loads((tmp_path / "adapter_config.json").read_text())["r"] == 8
    entries = [json.loads(l) for l in (tmp_path / "chisellm_log.jsonl").read_text().splitlines()]
    train_entries = [e for e in entries if "loss" in e]
    assert all(e["gpu_mem_peak_gib"] > 0 for e in train_entries)
