"""Compare two eval summaries (e.g. base vs fine-tuned) level by level, with a paired significance test.

The test is the exact sign test on the tasks both runs answered: a task counts as a win for B when its
pass rate (c/n) under B beats A's, a loss when it is lower, and ties drop out. With one sample per task this
is exactly the exact McNemar test on per-task pass/fail.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import comb
from pathlib import Path
from typing import Any

from chisellm.config.eval_summary import EvalSummary, TaskScore
from chisellm.utils.errors import ChiselLLMError
from chisellm.utils.io import read_json


@dataclass(frozen=True)
class PairedRow:
    """One line of the comparison table."""

    group: str
    tasks: int  # tasks answered in both runs
    pass_a: float
    pass_b: float
    wins: int  # tasks where B did better
    losses: int  # tasks where A did better

    @property
    def delta(self) -> float:
        return self.pass_b - self.pass_a

    @property
    def p_value(self) -> float:
        return sign_test_p(self.wins, self.losses)


def sign_test_p(wins: int, losses: int) -> float:
    """Two-sided exact sign-test (binomial, p = 1/2) p-value for `wins` vs `losses` discordant pairs."""
    n = wins + losses
    if n == 0:
        return 1.0
    tail = sum(comb(n, i) for i in range(min(wins, losses) + 1)) / 2 ** n
    return min(1.0, 2 * tail)


def load_summary(path: str | Path) -> EvalSummary:
    """Read a summary.json (or the run folder holding one)."""
    path = Path(path)
    if path.is_dir():
        path = path / "summary.json"
    if not path.exists():
        raise ChiselLLMError(f"{path}: no such eval summary", hint="pass the summary.json a `chisellm eval` run wrote")
    hint = "pass a summary.json written by `chisellm eval`"
    summary = read_json(path, "eval summary")
    if not isinstance(summary, dict) or not isinstance(summary.get("tasks"), list):
        raise ChiselLLMError(f"{path}: not an eval summary (no `tasks` list)", hint=hint)
    for number, task in enumerate(summary["tasks"]):
        problem = _task_problem(task)
        if problem:
            raise ChiselLLMError(f"{path}: tasks[{number}]: {problem}", hint=hint)
    if not isinstance(summary.get("run", {}), dict):
        raise ChiselLLMError(f"{path}: `run` must be an object", hint=hint)
    return EvalSummary.from_json(summary, str(path))


def _task_problem(task: Any) -> str | None:
    """What is wrong with one per-task entry of a summary, or None."""
    if not isinstance(task, dict):
        return f"expected an object, got {type(task).__name__}"
    for key, kind in (("id", str), ("level", str), ("n", int), ("passed", int)):
        value = task.get(key)
        if not isinstance(value, kind) or isinstance(value, bool):
            return f"`{key}` must be {'a string' if kind is str else 'an integer'}, got {value!r:.40}"
    if not 0 <= task["passed"] <= task["n"]:
        return f"`passed` ({task['passed']}) must be between 0 and `n` ({task['n']})"
    return None


def eval_set_warnings(a: EvalSummary, b: EvalSummary) -> list[str]:
    """Why the two runs may not be comparable: different eval sets, or task lists that only partly overlap."""
    warnings = []
    digest_a, digest_b = a.run.get("eval_set_digest"), b.run.get("eval_set_digest")
    if digest_a and digest_b and digest_a != digest_b:
        warnings.append(f"the runs used different eval sets ({a.run.get('eval_set')} digest {digest_a} vs "
                        f"{b.run.get('eval_set')} digest {digest_b}): only tasks with the same id are compared")
    ids_a, ids_b = {t.id for t in a.tasks}, {t.id for t in b.tasks}
    if ids_a != ids_b:
        warnings.append(f"{len(ids_a - ids_b)} task(s) only in A and {len(ids_b - ids_a)} only in B are left out; "
                        f"{len(ids_a & ids_b)} task(s) are in both")
    return warnings


def compare_summaries(a: EvalSummary, b: EvalSummary) -> list[PairedRow]:
    """Per-level rows, then an `all` row, over the tasks both summaries answered."""
    tasks_a = {t.id: t for t in a.tasks if t.n}
    tasks_b = {t.id: t for t in b.tasks if t.n}
    shared = [tid for tid in tasks_a if tid in tasks_b]
    if not shared:
        raise ChiselLLMError("the two summaries share no answered task", hint="compare runs on the same eval set")
    by_level: dict[str, list[str]] = {}
    for tid in shared:
        by_level.setdefault(tasks_a[tid].level, []).append(tid)
    rows = [_row(level, by_level[level], tasks_a, tasks_b) for level in sorted(by_level)]
    rows.append(_row("all", shared, tasks_a, tasks_b))
    return rows


def _row(group: str, ids: list[str], tasks_a: dict[str, TaskScore], tasks_b: dict[str, TaskScore]) -> PairedRow:
    rate_a = {tid: tasks_a[tid].passed / tasks_a[tid].n for tid in ids}
    rate_b = {tid: tasks_b[tid].passed / tasks_b[tid].n for tid in ids}
    return PairedRow(group=group, tasks=len(ids), pass_a=sum(rate_a.values()) / len(ids),
                     pass_b=sum(rate_b.values()) / len(ids), wins=sum(rate_b[t] > rate_a[t] for t in ids),
                     losses=sum(rate_b[t] < rate_a[t] for t in ids))


def format_comparison(rows: list[PairedRow], label_a: str, label_b: str) -> str:
    """A plain-text table: pass@1 (mean per-task pass rate) of A and B, delta, wins/losses and p-value."""
    from chisellm.utils.table import render_table

    header = ("level", "tasks", "A pass@1", "B pass@1", "delta", "B better", "A better", "p (sign test)")
    lines = [[r.group, str(r.tasks), f"{100 * r.pass_a:.1f}%", f"{100 * r.pass_b:.1f}%", f"{100 * r.delta:+.1f}",
              str(r.wins), str(r.losses), f"{r.p_value:.3g}"] for r in rows]
    return "\n".join([f"A = {label_a}", f"B = {label_b}", render_table(header, lines)])


def comparison_json(rows: list[PairedRow], label_a: str, label_b: str) -> dict[str, Any]:
    """The comparison as JSON, for saving beside the reports."""
    return {"a": label_a, "b": label_b, "test": "exact two-sided sign test on per-task pass rate (= exact McNemar for n=1)",
            "rows": [{"group": r.group, "tasks": r.tasks, "pass_a": r.pass_a, "pass_b": r.pass_b, "delta": r.delta,
                      "b_better": r.wins, "a_better": r.losses, "p_value": r.p_value} for r in rows]}
