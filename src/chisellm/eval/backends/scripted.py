"""A backend that replays answers written in advance, round by round: repair rounds without a model.

Script rows (JSONL): `{"task_id": "t1", "round": 1, "completion": "..."}`. `round` defaults to 1; a row without
`task_id` answers every task. A conversation in round r gets the row of its task with the highest round <= r,
so one row per task repeats the same answer every round. Used by tests, demos and the workbench's repair demo.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from chisellm.config.eval import EvalConfig
from chisellm.eval.backends.base import Conversation
from chisellm.utils.errors import ChiselLLMError
from chisellm.utils.io import read_jsonl

ANY_TASK = "*"


class ScriptedBackend:
    """Answers each conversation with the scripted completion for its task and round."""

    name = "scripted"

    def __init__(self, rows: Iterable[dict[str, Any]], source: str = "script"):
        self.answers: dict[str, dict[int, str]] = {}
        self.seen: list[Conversation] = []  # every conversation asked, in order (what a model would have read)
        for number, row in enumerate(rows, start=1):
            where = f"{source}:{number}"
            completion, round_ = row.get("completion"), row.get("round", 1)
            if not isinstance(completion, str):
                raise ChiselLLMError(f"{where}: `completion` must be a string", hint="put the answer text there")
            if not isinstance(round_, int) or isinstance(round_, bool) or round_ < 1:
                raise ChiselLLMError(f"{where}: `round` must be an integer >= 1, got {round_!r}",
                                     hint="number the rounds 1, 2, ...")
            self.answers.setdefault(str(row.get("task_id", ANY_TASK)), {})[round_] = completion
        if not self.answers:
            raise ChiselLLMError(f"{source}: the script has no rows", hint="write one JSON row per task and round")

    @classmethod
    def from_file(cls, path: str | Path) -> ScriptedBackend:
        """Read a script file (JSONL, one row per task and round)."""
        return cls(read_jsonl(path, required=("completion",)), source=str(path))

    def chat(self, conversations: list[Conversation], n: int) -> list[list[str]]:
        self.seen.extend(conversations)
        return [[self.answer(c.task.id, c.round)] * n for c in conversations]

    def answer(self, task_id: str, round_: int) -> str:
        """The scripted answer of `task_id` in round `round_` (the latest scripted round not after it)."""
        rounds = self.answers.get(task_id) or self.answers.get(ANY_TASK)
        if not rounds:
            raise ChiselLLMError(f"the script has no answer for task `{task_id}`",
                                 hint=f"add a row {{\"task_id\": \"{task_id}\", \"round\": 1, \"completion\": ...}}")
        return rounds[max((r for r in rounds if r <= round_), default=min(rounds))]


def create(config: EvalConfig) -> ScriptedBackend:
    return ScriptedBackend.from_file(config.scripted)


def identity(config: EvalConfig) -> str:
    return config.scripted
