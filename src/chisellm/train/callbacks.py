"""Callbacks that make a run observable and self-describing: a JSONL log for `chisellm monitor`, and the run
record written into every checkpoint."""

from __future__ import annotations

import time
from pathlib import Path

from transformers import TrainerCallback
from transformers.trainer_utils import PREFIX_CHECKPOINT_DIR

from chisellm.config.run_record import RunRecord, write_run_record
from chisellm.train.monitor import LLAMA_FACTORY_LOG_NAME, LOG_NAME, hms
from chisellm.utils.io import append_jsonl, read_jsonl, write_jsonl


class JsonlLogCallback(TrainerCallback):
    """Append every log entry (with step, max_steps and wall time) to `<output_dir>/chisellm_log.jsonl`, and
    the loss entries in LLaMA-Factory's layout to `<output_dir>/trainer_log.jsonl` (for its tools)."""

    def __init__(self, output_dir: str | Path):
        self.path = Path(output_dir) / LOG_NAME
        self.lf_path = Path(output_dir) / LLAMA_FACTORY_LOG_NAME
        self.began = time.time()
        self.began_step = 0

    def on_train_begin(self, args, state, control, **kwargs):
        self.began, self.began_step = time.time(), state.global_step
        if state.is_world_process_zero:
            if state.global_step > 0:
                self.rewind(state.global_step)
            append_jsonl(self.path, {"event": "train_begin", "time": time.time(), "step": state.global_step,
                                     "max_steps": state.max_steps})

    def rewind(self, step: int) -> None:
        """On resume from checkpoint `step`: drop the entries a killed run logged after it, which the resumed
        run logs again (the log then reads as one uninterrupted run)."""
        for path, key in ((self.path, "step"), (self.lf_path, "current_steps")):
            if path.is_file():
                rows = read_jsonl(path, skip_truncated_tail=True)
                write_jsonl(path, [row for row in rows if int(row.get(key) or 0) <= step])

    def on_log(self, args, state, control, logs=None, **kwargs):
        if state.is_world_process_zero and logs:
            append_jsonl(self.path, {"time": time.time(), "step": state.global_step, "max_steps": state.max_steps,
                                     **logs})
            if "loss" in logs or "eval_loss" in logs:
                append_jsonl(self.lf_path, self._llama_factory_entry(state, logs))

    def _llama_factory_entry(self, state, logs: dict) -> dict:
        elapsed = time.time() - self.began
        done = state.global_step - self.began_step
        remaining = elapsed / done * (state.max_steps - state.global_step) if done > 0 else 0.0
        entry = {"current_steps": state.global_step, "total_steps": state.max_steps}
        for key in ("loss", "eval_loss"):
            if key in logs:
                entry[key] = logs[key]
        if "learning_rate" in logs:
            entry["lr"] = logs["learning_rate"]
        entry.update(epoch=logs.get("epoch", getattr(state, "epoch", None)),
                     percentage=round(100 * state.global_step / state.max_steps, 2) if state.max_steps else 0.0,
                     elapsed_time=hms(elapsed), remaining_time=hms(remaining))
        return entry

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
