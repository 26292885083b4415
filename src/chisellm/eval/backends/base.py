"""The interface every generating backend implements and the chat messages they send (no backend imports)."""

from __future__ import annotations

from typing import Protocol

from chisellm.eval.tasks import EvalTask

ChatMessages = list[dict[str, str]]  # [{"role": "system"|"user", "content": ...}]


class GenerationBackend(Protocol):
    """Turns chat prompts into completions."""

    name: str

    def generate(self, tasks: list[EvalTask], n: int) -> list[list[str]]:
        """Return `n` completions for each task, in task order."""
        ...


def chat_messages(task: EvalTask, system_prompt: str) -> ChatMessages:
    """The messages sent for a task: an optional system prompt, then the task's instruction and input."""
    messages = [{"role": "system", "content": system_prompt}] if system_prompt else []
    messages.append({"role": "user", "content": task.prompt})
    return messages
