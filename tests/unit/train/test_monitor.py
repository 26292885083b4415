"""`chisellm monitor` view and loss PNGs from a run's JSONL log (written as the callback writes it)."""

from __future__ import annotations

import json

import pytest

from chisellm.train.monitor import plot_loss, read_run_log, render_run, sparkline
from chisellm.utils.errors import ChiselLLMError

pytestmark = pytest.mark.train


def write_log(path, finished: bool):
    lines = [{"event": "train_begin", "time": 1000.0, "step": 0, "max_steps": 100}]
    for step in range(1, 41):
        lines.append({"time": 1000.0 + 2 * step, "step": step, "max_steps": 100, "loss": 3.0 - step * 0.05,
                      "learning_rate": 1e-4, "grad_norm": 1.0, "samples_seen": step * 16, "epoch": step / 50,
                      "gpu_mem_allocated_gib": 12.5, "gpu_mem_reserved_gib": 14.0, "gpu_mem_peak_gib": 15.2,
                      "tokens_per_second": 4000.0})
        if step % 20 == 0:
            lines.append({"time": 1000.0 + 2 * step, "step": step, "max_steps": 100, "eval_loss": 2.5})
    if finished:
        lines.append({"event": "train_end", "time": 1090.0, "step": 40, "max_steps": 100})
    path.write_text("".join(json.dumps(line) + "\n" for line in lines) + '{"time": 10')  # half-written tail


def test_running_job_shows_progress_eta_and_curves(tmp_path):
    write_log(tmp_path / "chisellm_log.jsonl", finished=False)
    log = read_run_log(tmp_path)
    assert (log.last_step, log.max_steps, log.finished) == (40, 100, False)
    assert log.eta_seconds() == pytest.approx(120.0)  # 2 s a step, 60 steps left
    text = render_run(log, tmp_path)
    for needle in ("step 40/100 (40%)", "ETA 0h02m00s", "loss", "eval_loss", "lr", "gpu memory", "peak 15.2"):
        assert needle in text


def test_finished_job_and_plots(tmp_path):
    write_log(tmp_path / "chisellm_log.jsonl", finished=True)
    assert "finished" in render_run(read_run_log(tmp_path), tmp_path)
    written = plot_loss(tmp_path)
    assert [p.name for p in written] == ["training_loss.png", "training_eval_loss.png"]
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in written)


def test_sparkline_and_missing_log(tmp_path):
    assert sparkline([1, 2, 3]) == "▁▄█"
    with pytest.raises(ChiselLLMError, match="chisellm_log.jsonl not found"):
        read_run_log(tmp_path)


def test_reads_a_llama_factory_output_folder(tmp_path):
    # the layout LLaMA-Factory's LogCallback writes (and our JsonlLogCallback mirrors)
    lines = [{"current_steps": s, "total_steps": 50, "loss": 2.0 - s / 100, "lr": 1e-4, "epoch": s / 25,
              "percentage": 2.0 * s, "elapsed_time": f"0:00:{s:02d}", "remaining_time": f"0:00:{50 - s:02d}"}
             for s in range(5, 30, 5)]
    lines.append({"current_steps": 25, "total_steps": 50, "eval_loss": 1.9, "epoch": 1.0, "percentage": 50.0,
                  "elapsed_time": "0:00:26", "remaining_time": "0:00:25"})
    (tmp_path / "trainer_log.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    log = read_run_log(tmp_path)
    assert (log.last_step, log.max_steps, log.finished) == (25, 50, False)
    assert log.eta_seconds() == 25.0 and log.series("eval_loss", "eval") == [(25, 1.9)]
    assert log.series("learning_rate")[0] == (5, 1e-4)
    assert "step 25/50 (50%)" in render_run(log, tmp_path)


def test_monitor_does_not_import_transformers(tmp_path):
    import subprocess
    import sys

    code = "import sys, chisellm.train.monitor, chisellm.cli.train; print('transformers' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"
