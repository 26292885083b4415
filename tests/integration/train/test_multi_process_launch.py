"""`chisellm train --gpus 2 --cpu`: the same accelerate launch path as on GPUs, two gloo processes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def test_two_process_launch_trains_and_writes_one_run_record(tmp_path, tiny_model_dir, fixture_jsonl):
    out = tmp_path / "run"
    command = [sys.executable, "-m", "chisellm.cli.main", "train", str(REPO / "configs" / "train" / "tiny.yaml"),
               f"model_name_or_path={tiny_model_dir}", f"dataset={fixture_jsonl}", f"output_dir={out}",
               "max_steps=2", "save_steps=100", "val_size=0", "eval_strategy=no", "load_best_model_at_end=false",
               "report_to=none", "plot_loss=false", "--gpus", "2", "--cpu"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=REPO)
    assert result.returncode == 0, result.stderr[-3000:]
    record = json.loads((out / "chisellm_run.json").read_text())
    assert record["metrics"]["global_step"] == 2
    assert (out / "adapter_model.safetensors").is_file()
    assert result.stdout.count("saved to ") == 1  # rank 0 only
