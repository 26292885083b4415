"""Any OpenAI-compatible `/chat/completions` endpoint (vLLM serve, llama.cpp, SGLang, hosted APIs).

Requests run `api.concurrency` at a time; a timeout, connection error, 429 or 5xx is retried `api.retries`
times with exponential backoff (honouring `Retry-After`); other HTTP errors stop the run with the server's words.
"""

from __future__ import annotations

import json
import os
import socket
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from chisellm.config.eval import ApiConfig, GenerationConfig
from chisellm.eval.backends.base import chat_messages
from chisellm.eval.tasks import EvalTask
from chisellm.utils.errors import ChiselLLMError

RETRYABLE_STATUS = {408, 409, 429, 500, 502, 503, 504}
MAX_BACKOFF_S = 30.0


class OpenAIChatBackend:
    """Asks a chat-completions server for `n` completions per task."""

    name = "api"

    def __init__(self, api: ApiConfig, generation: GenerationConfig, backoff_s: float = 1.0):
        self.api = api
        self.generation = generation
        self.backoff_s = backoff_s
        self.endpoint = api.url.rstrip("/") + ("" if api.url.rstrip("/").endswith("/chat/completions") else "/chat/completions")
        self.headers = {"Content-Type": "application/json"}
        if api.key_env:
            key = os.environ.get(api.key_env)
            if not key:
                raise ChiselLLMError(f"api.key_env names `{api.key_env}`, but that environment variable is empty",
                                     hint=f"export {api.key_env}=... or drop api.key_env for a server without keys")
            self.headers["Authorization"] = f"Bearer {key}"

    def generate(self, tasks: list[EvalTask], n: int) -> list[list[str]]:
        with ThreadPoolExecutor(max_workers=self.api.concurrency) as pool:
            futures = [pool.submit(self._complete, chat_messages(t, self.generation.system_prompt), n) for t in tasks]
            return [future.result() for future in futures]

    def _complete(self, messages: list[dict[str, str]], n: int) -> list[str]:
        """`n` completions for one prompt; servers that ignore `n` are asked again until there are enough."""
        answers: list[str] = []
        while len(answers) < n:
            payload = {"model": self.api.model, "messages": messages, "n": n - len(answers),
                       "temperature": self.generation.temperature, "top_p": self.generation.top_p,
                       "max_tokens": self.generation.max_new_tokens, "seed": self.generation.seed}
            choices = self._post(payload).get("choices")
            if not isinstance(choices, list) or not choices:
                raise ChiselLLMError(f"{self.endpoint}: response has no `choices`",
                                     hint="is this an OpenAI-compatible chat-completions server?")
            answers.extend(_choice_text(choice) for choice in choices)
        return answers[:n]

    def _post(self, payload: dict[str, Any]) -> dict[str, Any]:
        body = json.dumps(payload).encode("utf-8")
        last_error = ""
        for attempt in range(self.api.retries + 1):
            request = urllib.request.Request(self.endpoint, data=body, headers=self.headers, method="POST")
            wait = min(self.backoff_s * 2 ** attempt, MAX_BACKOFF_S)
            try:
                with urllib.request.urlopen(request, timeout=self.api.timeout_s) as response:
                    return json.loads(response.read().decode("utf-8"))
            except urllib.error.HTTPError as exc:
                detail = exc.read().decode("utf-8", "replace")[:300]
                if exc.code not in RETRYABLE_STATUS:
                    raise ChiselLLMError(f"{self.endpoint}: HTTP {exc.code}: {detail}",
                                         hint="check api.model, the API key and the request limits") from None
                last_error = f"HTTP {exc.code}: {detail}"
                wait = _retry_after(exc.headers.get("Retry-After"), wait)
            except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError) as exc:
                last_error = str(getattr(exc, "reason", exc))
            except json.JSONDecodeError as exc:
                last_error = f"response is not JSON ({exc})"
            if attempt < self.api.retries:
                time.sleep(wait)
        raise ChiselLLMError(f"{self.endpoint}: no answer after {self.api.retries + 1} attempts ({last_error})",
                             hint="check the server is up; raise api.timeout_s or api.retries for a slow one")


def _choice_text(choice: Any) -> str:
    message = choice.get("message") if isinstance(choice, dict) else None
    content = message.get("content") if isinstance(message, dict) else None
    return content if isinstance(content, str) else ""


def _retry_after(header: str | None, default: float) -> float:
    try:
        return min(float(header), MAX_BACKOFF_S) if header else default
    except ValueError:
        return default


def list_models(url: str, timeout_s: float = 5.0) -> list[str]:
    """Model ids the server lists at `GET {url}/models`, or [] when it does not answer that."""
    endpoint = url.rstrip("/").removesuffix("/chat/completions") + "/models"
    try:
        with urllib.request.urlopen(endpoint, timeout=timeout_s) as response:
            data = json.loads(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError, json.JSONDecodeError):
        return []
    rows = data.get("data") if isinstance(data, dict) else None
    return [str(row["id"]) for row in rows or [] if isinstance(row, dict) and "id" in row]
