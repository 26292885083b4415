"""What a resumed run records: the JSONL log rewinds to the checkpoint (no step twice, a torn tail dropped), and
the loss sum that makes `train_loss` cover every step travels in the checkpoint with the meter."""

from __future__ import annotations

import json
from types import SimpleNamespace

import torch

from chisellm.train.callbacks import LOG_NAME, JsonlLogCallback
from chisellm.train.trainer import TrainingMeter


def logged_steps(path) -> list[int]:
    return [row["step"] for row in map(json.loads, path.read_text().splitlines()) if "loss" in row]


def test_resume_rewinds_the_log_to_the_checkpoint(tmp_path):
    callback = JsonlLogCallback(tmp_path)
    state = SimpleNamespace(is_world_process_zero=True, global_step=0, max_steps=6)
    callback.on_train_begin(None, state, None)
    for step in range(1, 6):  # checkpoint at step 4, killed after logging step 5 and while writing step 6
        state.global_step = step
        callback.on_log(None, state, None, logs={"loss": float(step)})
    with (tmp_path / LOG_NAME).open("ab") as handle:
        handle.write(b'{"time": 1, "step": 6, "lo')

    state.global_step = 4  # the resumed Trainer restored checkpoint-4
    callback.on_train_begin(None, state, None)
    for step in (5, 6):
        state.global_step = step
        callback.on_log(None, state, None, logs={"loss": float(step) + 0.5})
    assert logged_steps(tmp_path / LOG_NAME) == [1, 2, 3, 4, 5, 6]
    rows = [json.loads(line) for line in (tmp_path / LOG_NAME).read_text().splitlines()]
    assert [r["loss"] for r in rows if r.get("step") == 5] == [5.5]  # the resumed run's, not the killed run's
    assert [r.get("event") for r in rows].count("train_begin") == 2


def test_meter_carries_the_loss_sum_through_a_checkpoint():
    meter = TrainingMeter()
    for loss in (2.0, 1.5, 1.25):
        meter.add_loss(torch.tensor(loss))
    saved = meter.state()
    assert saved["attributes"]["loss_sum"] == 4.75
    restored = TrainingMeter(**saved["args"])  # how the Trainer restores stateful callbacks
    for name, value in saved["attributes"].items():
        setattr(restored, name, value)
    restored.add_loss(torch.tensor(0.25))
    assert restored.total_loss == 5.0
