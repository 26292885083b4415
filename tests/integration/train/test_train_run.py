"""End to end on a CPU: `chisellm train` with the tiny model writes the adapter, tokenizer, run records,
checkpoints, TensorBoard scalars, loss PNGs and a log `chisellm monitor` reads; a full fine-tune too."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from chisellm.config.train import load_train_config
from chisellm.train.recipe import run_training
from chisellm.config.run_record import read_run_record

REPO = Path(__file__).resolve().parents[3]
SMALL = ["max_samples=10", "cutoff_len=256", "per_device_train_batch_size=1", "logging_steps=1"]


def chisellm(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "chisellm.cli.main", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=timeout)


def tensorboard_tags(output_dir: Path) -> set[str]:
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    tags: set[str] = set()
    for events in output_dir.glob("runs/*/events.out.tfevents.*"):
        accumulator = EventAccumulator(str(events))
        accumulator.Reload()
        tags.update(accumulator.Tags()["scalars"])
    return tags


@pytest.mark.slow
def test_lora_run_through_the_cli(tmp_path, tiny_model_dir, fixture_jsonl):
    out = tmp_path / "run"
    result = chisellm("train", "configs/train/tiny.yaml", f"model_name_or_path={tiny_model_dir}",
                      f"dataset={fixture_jsonl}", f"output_dir={out}", *SMALL, "max_steps=4", "save_steps=2",
                      "eval_steps=2", "save_total_limit=2", "val_size=0.2")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "preflight: device: cpu" in result.stdout
    assert "best checkpoint by eval loss" in result.stdout and "kept as the final model" in result.stdout
    for name in ("adapter_config.json", "adapter_model.safetensors", "tokenizer.json", "tokenizer_config.json",
                 "chisellm_run.json", "training_loss.png", "training_eval_loss.png", "chisellm_log.jsonl",
                 "trainer_state.json", "trainer_log.jsonl", "all_results.json"):
        assert (out / name).is_file(), name
    # LLaMA-Factory's layout, so its tools (and `chisellm monitor`) read the folder
    assert json.loads((out / "trainer_state.json").read_text())["global_step"] == 4
    assert {"train_loss", "eval_loss"} <= set(json.loads((out / "all_results.json").read_text()))
    lf_log = [json.loads(line) for line in (out / "trainer_log.jsonl").read_text().splitlines()]
    assert lf_log[-1]["total_steps"] == 4 and any("eval_loss" in e for e in lf_log) and "remaining_time" in lf_log[0]
    assert json.loads((out / "adapter_config.json").read_text())["base_model_name_or_path"] == str(tiny_model_dir.resolve())
    record = read_run_record(out)
    assert record.base_model == str(tiny_model_dir) and record.config["lora_rank"] == 8
    assert record.dataset_fingerprint["rows"] == 40 and len(record.dataset_fingerprint["sha256"]) == 64
    assert record.best_checkpoint and record.metrics["global_step"] == 4
    assert record.metrics["samples_seen"] >= 4  # packed: every step holds at least one sample
    checkpoints = sorted(out.glob("checkpoint-*"))
    assert 1 <= len(checkpoints) <= 2 and all((c / "chisellm_run.json").is_file() for c in checkpoints)
    assert json.loads((checkpoints[-1] / "chisellm_run.json").read_text())["config"]["template"] == "qwen"
    tags = tensorboard_tags(out)
    for tag in ("train/loss", "train/learning_rate", "train/grad_norm", "train/tokens_per_second",
                "train/samples_seen", "eval/loss"):
        assert tag in tags, sorted(tags)
    from typer.testing import CliRunner

    from chisellm.cli.main import app

    monitor = CliRunner().invoke(app, ["monitor", str(out)])
    assert monitor.exit_code == 0 and "finished" in monitor.output and "step 4/4" in monitor.output


def test_unknown_key_exits_cleanly(tmp_path):
    result = chisellm("train", "configs/train/tiny.yaml", "learning_rat=1e-3", timeout=60)
    assert result.returncode == 2
    assert "unknown key `learning_rat`" in result.stderr and "learning_rate" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_full_finetune(tmp_path, tiny_model_dir, fixture_jsonl):
    config = load_train_config(REPO / "configs" / "train" / "tiny_full.yaml", [
        f"model_name_or_path={tiny_model_dir}", f"dataset={fixture_jsonl}", f"output_dir={tmp_path}",
        *SMALL, "max_steps=2", "save_steps=2", "report_to=none"])
    summary = run_training(config, echo=lambda line: None)
    assert summary.global_step == 2 and summary.train_loss is not None
    assert (tmp_path / "model.safetensors").is_file() and (tmp_path / "config.json").is_file()
    assert not (tmp_path / "adapter_config.json").exists()
    assert read_run_record(tmp_path).finetuning_type == "full"
