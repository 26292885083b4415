"""The interface every generating backend implements, and the factory that builds one from an eval config."""

from __future__ import annotations

from typing import Protocol

from chisellm.config.eval import EvalConfig
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


def make_backend(config: EvalConfig) -> GenerationBackend:
    """The backend `config` asks for; heavy libraries are imported only for the one chosen.

    Raises:
        ChiselLLMError: when the backend's library is missing or its model cannot be found.
    """
    source = config.source
    if source == "oracle":
        from chisellm.eval.backends.oracle import OracleBackend

        return OracleBackend()
    if source == "api":
        from chisellm.eval.backends.openai_api import OpenAIChatBackend

        return OpenAIChatBackend(config.api, config.generation)
    from chisellm.config.model_source import resolve_model_source

    model = resolve_model_source(config.adapter or config.model, config.base or None)
    if source == "vllm":
        from chisellm.eval.backends.vllm_backend import VLLMBackend

        return VLLMBackend(model, config.generation)
    from chisellm.eval.backends.transformers_backend import TransformersBackend

    return TransformersBackend(model, config.generation, config.device, config.cpu_threads, config.quantization)
