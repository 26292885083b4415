"""The interface every generating backend implements, and the factory that builds one from an eval config."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from chisellm.config.eval import EvalConfig
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


def make_backend(config: EvalConfig) -> GenerationBackend:
    """The backend `config` asks for; heavy libraries are imported only for the one chosen.

    Raises:
        ChiselLLMError: when the backend's library is missing or its model cannot be found.
    """
    source = config.source
    if source == "oracle":
        from chisellm.eval.backends.oracle import OracleBackend

        return OracleBackend()
    if source == "scripted":
        from chisellm.eval.backends.scripted import ScriptedBackend

        return ScriptedBackend.from_file(config.scripted)
    if source == "api":
        from chisellm.eval.backends.openai_api import OpenAIChatBackend

        return OpenAIChatBackend(config.api, config.generation)
    from chisellm.config.model_source import resolve_model_source

    model = resolve_model_source(config.adapter or config.model)
    if source == "vllm":
        from chisellm.eval.backends.vllm_backend import VLLMBackend

        return VLLMBackend(model, config.generation)
    from chisellm.eval.backends.transformers_backend import TransformersBackend

    return TransformersBackend(model, config.generation, config.device, config.cpu_threads)
