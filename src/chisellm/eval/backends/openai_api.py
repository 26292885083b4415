"""Any OpenAI-compatible `/chat/completions` endpoint (vLLM serve, llama.cpp, SGLang, hosted APIs), through
the `openai` SDK.

Requests run `api.concurrency` at a time; the SDK retries a timeout, connection error, 408, 409, 429 or 5xx
`api.retries` times with exponential backoff (honouring `Retry-After`); other HTTP errors stop the run with the
server's words.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from chisellm.config.eval import ApiConfig, EvalConfig, GenerationConfig
from chisellm.eval.backends.base import Conversation
from chisellm.utils.errors import ChiselLLMError
from chisellm.utils.extras import require_extra

RETRYABLE_STATUS = {408, 409, 429, 500, 502, 503, 504}  # what the SDK retries (and every status >= 500)


def base_url(url: str) -> str:
    """The SDK's base URL: `url` without a trailing `/chat/completions`."""
    return url.rstrip("/").removesuffix("/chat/completions")


class OpenAIChatBackend:
    """Asks a chat-completions server for `n` completions per task."""

    name = "api"

    def __init__(self, api: ApiConfig, generation: GenerationConfig):
        require_extra("api", "--api")
        import openai

        self.api = api
        self.generation = generation
        self.endpoint = base_url(api.url) + "/chat/completions"
        # As the openai SDK does: the key from OPENAI_API_KEY unless one is given (--api-key or api.key_env);
        # local servers take any key, but the SDK insists on one.
        key = api.key or os.environ.get("OPENAI_API_KEY", "") or "EMPTY"
        if api.key_env:
            key = os.environ.get(api.key_env, "")
            if not key:
                raise ChiselLLMError(f"api.key_env names `{api.key_env}`, but that environment variable is empty",
                                     hint=f"export {api.key_env}=... or drop api.key_env for a server without keys")
        self.client = openai.OpenAI(base_url=base_url(api.url), api_key=key, max_retries=api.retries,
                                    timeout=api.timeout_s)
        self.errors = openai
        self.model = api.model or self._first_model()

    def _first_model(self) -> str:
        """Without --api-model, the first model the server lists at /v1/models."""
        try:
            models = [m.id for m in self.client.models.list()]
        except self.errors.OpenAIError as exc:
            raise ChiselLLMError(f"{self.api.url}: cannot list the server's models ({exc})",
                                 hint="name the model with --api-model") from None
        if not models:
            raise ChiselLLMError(f"{self.api.url}: the server lists no models", hint="name the model with --api-model")
        return models[0]

    def chat(self, conversations: list[Conversation], n: int) -> list[list[str]]:
        with ThreadPoolExecutor(max_workers=self.api.concurrency) as pool:
            futures = [pool.submit(self._complete, list(c.messages), n) for c in conversations]
            return [future.result() for future in futures]

    def _complete(self, messages: list[dict[str, str]], n: int) -> list[str]:
        """`n` completions for one prompt; servers that ignore `n` are asked again until there are enough."""
        answers: list[str] = []
        while len(answers) < n:
            choices = self._create(messages, n - len(answers))
            if not choices:
                raise ChiselLLMError(f"{self.endpoint}: response has no `choices`",
                                     hint="is this an OpenAI-compatible chat-completions server?")
            answers.extend(choice.message.content or "" if choice.message else "" for choice in choices)
        return answers[:n]

    def _create(self, messages: list[dict[str, str]], n: int) -> list[Any]:
        errors = self.errors
        attempts = self.api.retries + 1
        try:
            response = self.client.chat.completions.create(
                model=self.model, messages=messages, n=n, temperature=self.generation.temperature,  # type: ignore[arg-type]
                top_p=self.generation.top_p, max_tokens=self.generation.max_new_tokens, seed=self.generation.seed)
        except errors.APIStatusError as exc:
            detail = f"HTTP {exc.status_code}: {str(exc.message)[:300]}"
            if exc.status_code in RETRYABLE_STATUS or exc.status_code >= 500:
                raise ChiselLLMError(f"{self.endpoint}: no answer after {attempts} attempts ({detail})",
                                     hint="check the server is up; raise api.retries for a busy one") from None
            raise ChiselLLMError(f"{self.endpoint}: {detail}",
                                 hint="check api.model, the API key and the request limits") from None
        except (errors.APITimeoutError, errors.APIConnectionError) as exc:
            raise ChiselLLMError(f"{self.endpoint}: no answer after {attempts} attempts ({exc})",
                                 hint="check the server is up; raise api.timeout_s or api.retries for a slow one") from None
        return list(response.choices or [])


def create(config: EvalConfig) -> OpenAIChatBackend:
    return OpenAIChatBackend(config.api, config.generation)


def identity(config: EvalConfig) -> str:
    return f"{config.api.url} {config.api.model}"


def list_models(url: str, timeout_s: float = 5.0) -> list[str]:
    """Model ids the server lists at `GET {url}/models`, or [] when it does not answer that."""
    require_extra("api", "--api")
    import openai

    client = openai.OpenAI(base_url=base_url(url), api_key="EMPTY", max_retries=0, timeout=timeout_s)
    try:
        return [model.id for model in client.models.list()]
    except openai.OpenAIError:
        return []
