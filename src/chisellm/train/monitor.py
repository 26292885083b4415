"""Read a run's `chisellm_log.jsonl` (running or finished), or a LLaMA-Factory output folder's
`trainer_log.jsonl`, and show it in a terminal or as PNG loss curves. Imports nothing heavy."""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass, field
from pathlib import Path

from chisellm.utils.errors import ChiselLLMError

LOG_NAME = "chisellm_log.jsonl"
LLAMA_FACTORY_LOG_NAME = "trainer_log.jsonl"  # what LLaMA-Factory's LogCallback writes (we write it too)
SPARK = "▁▂▃▄▅▆▇█"


def hms(seconds: float) -> str:
    """`H:MM:SS`, as LLaMA-Factory writes elapsed_time and remaining_time."""
    seconds = int(max(0.0, seconds))
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def _seconds(text: object) -> float:
    try:
        parts = [float(p) for p in str(text).split(":")]
    except ValueError:
        return 0.0
    return sum(value * 60 ** i for i, value in enumerate(reversed(parts)))


@dataclass
class RunLog:
    """The log entries of a run, the last value kept per step (a resumed run re-logs some steps)."""

    train: dict[int, dict] = field(default_factory=dict)
    evals: dict[int, dict] = field(default_factory=dict)
    max_steps: int = 0
    last_step: int = 0
    finished: bool = False
    session_start: tuple[float, int] | None = None  # (time, step) where the latest (re)start began
    last_time: float = 0.0
    summary: dict = field(default_factory=dict)
    remaining_s: float | None = None  # a LLaMA-Factory log states its own remaining time

    def series(self, key: str, source: str = "train") -> list[tuple[int, float]]:
        """(step, value) pairs of one scalar, in step order."""
        entries = self.train if source == "train" else self.evals
        return [(step, entry[key]) for step, entry in sorted(entries.items()) if key in entry]

    def eta_seconds(self) -> float | None:
        """Seconds left at the speed of the current session, or None before two points exist."""
        if self.remaining_s is not None:
            return 0.0 if self.finished else self.remaining_s
        if self.finished or not self.session_start or self.last_step <= self.session_start[1]:
            return None
        rate = (self.last_time - self.session_start[0]) / (self.last_step - self.session_start[1])
        return rate * max(0, self.max_steps - self.last_step)


def read_run_log(output_dir: str | Path) -> RunLog:
    """Parse `<output_dir>/chisellm_log.jsonl` (else LLaMA-Factory's `trainer_log.jsonl`), tolerating a
    half-written last line.

    Raises:
        ChiselLLMError: if the folder holds neither log.
    """
    path = Path(output_dir) / LOG_NAME
    if not path.is_file():
        if (Path(output_dir) / LLAMA_FACTORY_LOG_NAME).is_file():
            return read_llama_factory_log(Path(output_dir) / LLAMA_FACTORY_LOG_NAME)
        raise ChiselLLMError(f"{path} not found (nor {LLAMA_FACTORY_LOG_NAME})",
                             hint="pass the output_dir of a `chisellm train` or LLaMA-Factory run")
    log = RunLog()
    for raw in path.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(raw)
        except json.JSONDecodeError:
            continue  # a line being written right now
        step = int(entry.get("step", 0))
        log.max_steps = int(entry.get("max_steps") or log.max_steps)
        log.last_time = float(entry.get("time", log.last_time))
        event = entry.get("event")
        if event == "train_begin":
            log.session_start, log.finished = (log.last_time, step), False
        elif event == "train_end":
            log.finished = True
        elif "loss" in entry:
            log.train[step] = entry
        elif "eval_loss" in entry:
            log.evals[step] = entry
        elif "train_loss" in entry:
            log.summary = entry
        log.last_step = max(log.last_step, step) if event != "train_begin" else step
    return log


def read_llama_factory_log(path: Path) -> RunLog:
    """A LLaMA-Factory `trainer_log.jsonl` (current_steps, total_steps, loss, lr, elapsed_time, ...) as a RunLog."""
    log = RunLog()
    for raw in path.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(raw)
        except json.JSONDecodeError:
            continue
        if not isinstance(entry, dict) or "current_steps" not in entry:
            continue
        step, log.max_steps = int(entry["current_steps"]), int(entry.get("total_steps") or log.max_steps)
        log.last_step, log.remaining_s = step, _seconds(entry.get("remaining_time", 0))
        values = {"step": step, "epoch": entry.get("epoch", 0), **{k: entry[k] for k in ("loss", "eval_loss")
                                                                    if entry.get(k) is not None}}
        if entry.get("lr") is not None:
            values["learning_rate"] = entry["lr"]
        if "loss" in values:
            log.train[step] = values
        if "eval_loss" in values:
            log.evals[step] = values
    log.finished = bool(log.max_steps) and log.last_step >= log.max_steps
    return log


def sparkline(values: list[float], width: int = 60) -> str:
    """A one-line chart of `values`, resampled to `width` characters."""
    if not values:
        return ""
    if len(values) > width:
        values = [values[int(i * len(values) / width)] for i in range(width)]
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    return "".join(SPARK[min(len(SPARK) - 1, int((v - low) / span * (len(SPARK) - 1)))] for v in values)


def _duration(seconds: float | None) -> str:
    if seconds is None or math.isnan(seconds):
        return "?"
    seconds = int(seconds)
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m{seconds % 60:02d}s"


def render_run(log: RunLog, output_dir: str | Path) -> str:
    """A plain-text dashboard: progress, ETA, loss / eval loss / lr curves, GPU memory and throughput."""
    status = "finished" if log.finished else "running (or stopped)"
    pct = 100 * log.last_step / log.max_steps if log.max_steps else 0.0
    lines = [f"run {output_dir}: {status}",
             f"step {log.last_step}/{log.max_steps} ({pct:.0f}%)  ETA {_duration(log.eta_seconds())}"]
    for label, key, source in (("loss", "loss", "train"), ("eval_loss", "eval_loss", "eval"),
                               ("lr", "learning_rate", "train"), ("grad_norm", "grad_norm", "train"),
                               ("gpu mem GiB", "gpu_mem_allocated_gib", "train"),
                               ("tokens/s", "tokens_per_second", "train")):
        points = log.series(key, source)
        if points:
            values = [v for _, v in points]
            lines.append(f"{label:>12} {sparkline(values)}  last {values[-1]:.4g}  min {min(values):.4g}  max {max(values):.4g}")
    latest = log.train[max(log.train)] if log.train else {}
    if "samples_seen" in latest:
        lines.append(f"{'samples':>12} {latest['samples_seen']}  epoch {latest.get('epoch', 0):.2f}")
    if "gpu_mem_peak_gib" in latest:
        lines.append(f"{'gpu memory':>12} allocated {latest['gpu_mem_allocated_gib']:.1f} GiB, reserved "
                     f"{latest['gpu_mem_reserved_gib']:.1f}, peak {latest['gpu_mem_peak_gib']:.1f}")
    if log.summary:
        lines.append(f"{'summary':>12} train_loss {log.summary.get('train_loss', float('nan')):.4g}, "
                     f"runtime {_duration(log.summary.get('train_runtime'))}")
    return "\n".join(lines)


def watch(output_dir: str | Path, interval: float, follow: bool, echo) -> None:
    """Print the dashboard once, or every `interval` seconds until the run finishes (`follow`)."""
    while True:
        log = read_run_log(output_dir)
        echo(render_run(log, output_dir))
        if not follow or log.finished:
            return
        time.sleep(interval)
        echo("")


def plot_loss(output_dir: str | Path) -> list[Path]:
    """Write `training_loss.png` (and `training_eval_loss.png` when evaluated) into `output_dir`."""
    import matplotlib

    matplotlib.use("Agg")  # no display on training machines
    import matplotlib.pyplot as plt

    log = read_run_log(output_dir)
    written = []
    for name, key, source in (("training_loss.png", "loss", "train"), ("training_eval_loss.png", "eval_loss", "eval")):
        points = log.series(key, source)
        if not points:
            continue
        figure, axis = plt.subplots(figsize=(7, 4))
        axis.plot([s for s, _ in points], [v for _, v in points], label=key)
        axis.set_xlabel("step")
        axis.set_ylabel(key)
        axis.set_title(f"{key} of {Path(output_dir).name}")
        axis.grid(alpha=0.3)
        figure.tight_layout()
        path = Path(output_dir) / name
        figure.savefig(path, dpi=100)
        plt.close(figure)
        written.append(path)
    return written
