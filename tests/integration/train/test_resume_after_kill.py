"""A run killed with SIGKILL after its first checkpoint and resumed with `resume_from_checkpoint=auto` ends
with the same loss, weights, mean train loss and log as an uninterrupted run (tiny model, CPU, deterministic)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file

from chisellm.config.train import load_train_config
from chisellm.train.recipe import run_training

REPO = Path(__file__).resolve().parents[3]


def overrides(tiny_model_dir, fixture_jsonl, output_dir) -> list[str]:
    return [f"model_name_or_path={tiny_model_dir}", f"dataset={fixture_jsonl}", f"output_dir={output_dir}",
            "max_samples=12", "cutoff_len=256", "per_device_train_batch_size=1", "logging_steps=1",
            "max_steps=6", "save_steps=2", "save_total_limit=2", "val_size=0", "eval_strategy=no",
            "load_best_model_at_end=false", "plot_loss=false", "report_to=none", "lora_dropout=0.1"]


def run_train_loss(output_dir: Path) -> float:
    return json.loads((output_dir / "chisellm_run.json").read_text())["metrics"]["train_loss"]


def logged_steps(output_dir: Path) -> list[int]:
    entries = [json.loads(line) for line in (output_dir / "chisellm_log.jsonl").read_text().splitlines()]
    return [e["step"] for e in entries if "loss" in e]


def final_loss(output_dir: Path) -> float:
    entries = [json.loads(line) for line in (output_dir / "chisellm_log.jsonl").read_text().splitlines()]
    return [e["loss"] for e in entries if e.get("step") == 6 and "loss" in e][-1]


@pytest.mark.slow
def test_sigkill_then_resume_matches_uninterrupted(tmp_path, tiny_model_dir, fixture_jsonl):
    straight = tmp_path / "straight"
    run_training(load_train_config(REPO / "configs/train/tiny.yaml",
                                   overrides(tiny_model_dir, fixture_jsonl, straight)), echo=lambda line: None)

    killed = tmp_path / "killed"
    args = overrides(tiny_model_dir, fixture_jsonl, killed)
    process = subprocess.Popen([sys.executable, "-m", "chisellm.cli.main", "train", "configs/train/tiny.yaml", *args],
                               cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while not (killed / "checkpoint-2" / "chisellm_run.json").is_file():
        assert process.poll() is None, "the run ended before its first checkpoint"
        assert time.monotonic() < deadline, "no checkpoint within 240 s"
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    assert not (killed / "adapter_config.json").exists(), "the run finished before the kill"

    resumed = run_training(load_train_config(REPO / "configs/train/tiny.yaml", args + ["resume_from_checkpoint=auto"]),
                           echo=lambda line: None)
    assert resumed.global_step == 6
    assert final_loss(killed) == pytest.approx(final_loss(straight), rel=1e-5)
    # the mean over all 6 steps, not only the resumed ones; no step logged twice
    assert run_train_loss(killed) == pytest.approx(run_train_loss(straight), rel=1e-5)
    assert resumed.train_loss == pytest.approx(run_train_loss(straight), rel=1e-5)
    assert logged_steps(killed) == logged_steps(straight) == [1, 2, 3, 4, 5, 6]
    weights_straight = load_file(straight / "adapter_model.safetensors")
    weights_resumed = load_file(killed / "adapter_model.safetensors")
    for name, tensor in weights_straight.items():
        torch.testing.assert_close(weights_resumed[name], tensor, atol=1e-6, rtol=1e-5)
