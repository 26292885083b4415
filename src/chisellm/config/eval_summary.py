"""`summary.json` of an eval run as a typed record: written by `chisellm eval`, read by the reports, `eval
compare` and the exported model card. Group metrics stay mappings (their `pass@k` keys depend on k)."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chisellm.utils.errors import ChiselLLMError

Metrics = dict[str, Any]  # answered_tasks, tasks, answers, pass@k..., compile_rate, elaborate_rate, ...


@dataclass
class TaskScore:
    """How one task did across its answers (one row of `tasks`)."""

    id: str
    level: str
    n: int  # answers graded
    passed: int  # answers that passed
    category: str = ""
    task: str = ""
    family: str = ""
    split: str = "unspecified"
    simulates: bool = False
    compiled: int = 0
    elaborated: int = 0
    extraction_failed: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)
    failure: dict[str, Any] | None = None  # the first failing answer: verdict, message, mismatch, code (shortened)


@dataclass
class EvalSummary:
    """Headline, breakdowns, per-task scores, verdict counts and common compile errors of one run."""

    run: dict[str, Any] = field(default_factory=dict)
    k: list[int] = field(default_factory=lambda: [1])
    overall: Metrics = field(default_factory=dict)
    by_level: dict[str, Metrics] = field(default_factory=dict)
    by_category: dict[str, Metrics] = field(default_factory=dict)
    by_task_kind: dict[str, Metrics] = field(default_factory=dict)
    by_split: dict[str, Metrics] = field(default_factory=dict)
    by_level_and_split: dict[str, Metrics] = field(default_factory=dict)
    verdicts: dict[str, int] = field(default_factory=dict)
    top_compile_errors: list[dict[str, Any]] = field(default_factory=list)
    rounds: list[dict[str, Any]] = field(default_factory=list)  # per repair round: answers, pass@k after it, verdicts
    tasks: list[TaskScore] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The summary.json layout."""
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: Any, where: str) -> EvalSummary:
        """Parse a summary.json object; `where` names it in errors.

        Raises:
            ChiselLLMError: when it is not an object, has neither `overall` nor `tasks`, or a task lacks fields.
        """
        if not isinstance(data, dict):
            raise ChiselLLMError(
                f"{where}: not an eval summary (expected a JSON object)",
                hint="pass the summary.json a `chisellm eval` run wrote",
            )
        if not any(key in data for key in ("overall", "tasks")):
            raise ChiselLLMError(
                f"{where}: not an eval summary (no `overall` and no `tasks`)",
                hint="pass the summary.json a `chisellm eval` run wrote",
            )
        known = {f.name for f in dataclasses.fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        task_fields = {f.name for f in dataclasses.fields(TaskScore)}
        try:
            values["tasks"] = [
                TaskScore(**{k: v for k, v in row.items() if k in task_fields}) for row in data.get("tasks", [])
            ]
        except TypeError as exc:
            raise ChiselLLMError(
                f"{where}: a `tasks` row is incomplete ({exc})", hint="re-run `chisellm eval`, which writes every field"
            ) from None
        return cls(**values)


def read_eval_summary(path: str | Path) -> EvalSummary:
    """Read `summary.json`, or the one inside a run folder.

    Raises:
        ChiselLLMError: for a missing file, invalid JSON or something that is not an eval summary.
    """
    path = Path(path)
    if path.is_dir():
        path = path / "summary.json"
    if not path.is_file():
        raise ChiselLLMError(f"{path}: no such eval summary", hint="pass the summary.json a `chisellm eval` run wrote")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ChiselLLMError(
            f"{path}:{exc.lineno}: not valid JSON ({exc.msg})", hint="pass a summary.json written by `chisellm eval`"
        ) from None
    return EvalSummary.from_json(data, str(path))
