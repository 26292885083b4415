"""The interface every generating backend implements and the chat messages they send (no backend imports)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from chisellm.eval.tasks import EvalTask

ChatMessages = list[dict[str, str]]  # [{"role": "system"|"user"|"assistant", "content": ...}]


@dataclass(frozen=True)
class Conversation:
    """The chat so far for one answer chain of one task: the messages end on a user turn.

    Args:
        task: The task being answered (backends that replay or look up answers key on it).
        sample: Which answer chain of the task this is (0 .. n-1).
        messages: System prompt (optional), the task prompt, then assistant answers and feedback turns.
    """

    task: EvalTask
    sample: int
    messages: tuple[dict[str, str], ...]

    @property
    def round(self) -> int:
        """The round the next answer belongs to: 1 for the first answer, 2 after one feedback turn, ..."""
        return 1 + sum(m["role"] == "assistant" for m in self.messages)

    def reply(self, answer: str, feedback: str) -> Conversation:
        """This conversation with the model's `answer` and the engine's `feedback` appended."""
        return Conversation(self.task, self.sample, (*self.messages, {"role": "assistant", "content": answer},
                                                     {"role": "user", "content": feedback}))


def first_turn(task: EvalTask, system_prompt: str, sample: int = 0) -> Conversation:
    """The opening of a conversation: an optional system prompt, then the task's instruction and input."""
    messages = [{"role": "system", "content": system_prompt}] if system_prompt else []
    messages.append({"role": "user", "content": task.prompt})
    return Conversation(task, sample, tuple(messages))


class GenerationBackend(Protocol):
    """Continues chats. Round 1 of a task is a one-turn chat; repair rounds add the engine's feedback turns."""

    name: str

    def chat(self, conversations: list[Conversation], n: int) -> list[list[str]]:
        """Return `n` completions for each conversation, in order."""
        ...


