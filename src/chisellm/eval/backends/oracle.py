"""The oracle: answers every task with its own reference code, to check that an eval set grades itself 100%."""

from __future__ import annotations

from chisellm.config.eval import EvalConfig
from chisellm.eval.backends.base import Conversation
from chisellm.eval.tasks import EvalTask


def oracle_answer(task: EvalTask) -> str:
    """The reference code in a fenced block, so the oracle goes through extraction like any model answer."""
    return f"Here is the module.\n\n```scala\n{task.reference_code or ''}\n```\n"


class OracleBackend:
    """Answers with each task's `reference_code` (tasks without one are dropped before generation)."""

    name = "oracle"

    def chat(self, conversations: list[Conversation], n: int) -> list[list[str]]:
        return [[oracle_answer(c.task)] * n for c in conversations]


def create(config: EvalConfig) -> OracleBackend:
    return OracleBackend()


def identity(config: EvalConfig) -> str:
    return "oracle"
