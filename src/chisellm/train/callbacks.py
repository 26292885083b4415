"""Callbacks that make a run observable and self-describing: a JSONL log for `chisellm monitor`, and the run
record written into every checkpoint."""

from __future__ import annotations

import time
from pathlib import Path

from transformers import TrainerCallback
from transformers.trainer_utils import PREFIX_CHECKPOINT_DIR

from chisellm.config.run_record import RunRecord, write_run_record
from chisellm.utils.io import append_jsonl, read_jsonl, write_jsonl

LOG_NAME = "chisellm_log.jsonl"


class JsonlLogCallback(TrainerCallback):
    """Append every log entry (with step, max_steps and wall time) to `<output_dir>/chisellm_log.jsonl`."""

    def __init__(self, output_dir: str | Path):
        self.path = Path(output_dir) / LOG_NAME

    def on_train_begin(self, args, state, control, **kwargs):
        if state.is_world_process_zero:
            if state.global_step > 0:
                self.rewind(state.global_step)
            append_jsonl(self.path, {"event": "train_begin", "time": time.time(), "step": state.global_step,
                                     "max_steps": state.max_steps})

    def rewind(self, step: int) -> None:
        """On resume from checkpoint `step`: drop the entries a killed run logged after it, which the resumed
        run logs again (the log then reads as one uninterrupted run)."""
        if not self.path.is_file():
            return
        kept = [row for row in read_jsonl(self.path, skip_truncated_tail=True) if int(row.get("step") or 0) <= step]
        write_jsonl(self.path, kept)

    def on_log(self, args, state, control, logs=None, **kwargs):
        if state.is_world_process_zero and logs:
            append_jsonl(self.path, {"time": time.time(), "step": state.global_step, "max_steps": state.max_steps,
                                     **logs})

    def on_train_end(self, args, state, control, **kwargs):
        if state.is_world_process_zero:
            append_jsonl(self.path, {"event": "train_end", "time": time.time(), "step": state.global_step,
                                     "max_steps": state.max_steps})


class RunRecordCallback(TrainerCallback):
    """Write `chisellm_run.json` (config, dataset fingerprint, metrics so far) into each new checkpoint."""

    def __init__(self, template: RunRecord):
        self.template = template

    def on_save(self, args, state, control, **kwargs):
        if not state.is_world_process_zero:
            return
        checkpoint = Path(args.output_dir) / f"{PREFIX_CHECKPOINT_DIR}-{state.global_step}"
        if checkpoint.is_dir():
            write_run_record(checkpoint, self.with_state(state))

    def with_state(self, state) -> RunRecord:
        """The record filled with the trainer state's latest numbers."""
        metrics: dict = {"step": state.global_step, "epoch": state.epoch}
        for entry in state.log_history:
            metrics.update({k: v for k, v in entry.items() if k in ("loss", "eval_loss", "samples_seen", "train_loss")})
        if state.best_metric is not None:
            metrics["best_eval_loss"] = state.best_metric
        return RunRecord(config=self.template.config, dataset_fingerprint=self.template.dataset_fingerprint,
                         chisellm_version=self.template.chisellm_version,
                         best_checkpoint=state.best_model_checkpoint, metrics=metrics)
