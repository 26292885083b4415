"""Request guards of the server: bearer token, body size, requests in flight; each failure is a JSON error."""

from __future__ import annotations

import hmac
import json
import threading
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ServeSettings:
    """How `chisellm serve` runs.

    Args:
        api_key: Bearer token every /v1 request must carry ("" = no token).
        max_body_bytes: Larger request bodies get 413.
        max_in_flight: More concurrent /v1 requests than this get 429.
        model_name: The id /v1/models lists and chat responses carry.
        rounds: Default repair rounds of /v1/agent.
    """

    api_key: str = ""
    max_body_bytes: int = 1_000_000
    max_in_flight: int = 64
    model_name: str = "chisellm"
    rounds: int = 3


class ApiError(Exception):
    """An error answered as `{"error": {"message", "type", "code"}}` with an HTTP status (never a traceback)."""

    def __init__(self, status: int, message: str, kind: str = "invalid_request_error"):
        super().__init__(message)
        self.status, self.message, self.kind = status, message, kind

    def body(self) -> dict[str, Any]:
        return {"error": {"message": self.message, "type": self.kind, "code": self.status}}


class InFlight:
    """Counts requests being served; `enter` refuses one over the limit."""

    def __init__(self, limit: int):
        self.limit, self.count, self._lock = limit, 0, threading.Lock()

    def enter(self) -> None:
        with self._lock:
            if self.count >= self.limit:
                raise ApiError(429, f"too many requests in flight (limit {self.limit}); retry shortly", "rate_limit_error")
            self.count += 1

    def leave(self) -> None:
        with self._lock:
            self.count -= 1


def check_token(header: str | None, api_key: str) -> None:
    """Raise 401 unless `header` is `Bearer <api_key>` (no check when no key is set)."""
    if not api_key:
        return
    scheme, _, token = (header or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), api_key.encode()):
        raise ApiError(401, "missing or wrong bearer token (send `Authorization: Bearer <key>`)", "authentication_error")


def parse_body(raw: bytes, max_bytes: int) -> dict[str, Any]:
    """The JSON object of a request body; 413 when too big, 400 when not a JSON object."""
    if len(raw) > max_bytes:
        raise ApiError(413, f"request body has {len(raw)} bytes, the limit is {max_bytes}")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ApiError(400, f"request body is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ApiError(400, "request body must be a JSON object")
    return data


def field_of(data: dict[str, Any], name: str, kind: type | tuple[type, ...], required: bool = True, default: Any = None) -> Any:
    """`data[name]` checked to be of `kind`; 422 naming the field when missing or of the wrong type."""
    if name not in data or data[name] is None:
        if required:
            raise ApiError(422, f"missing field `{name}`")
        return default
    value = data[name]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise ApiError(422, f"field `{name}` must be {names}, got {type(value).__name__}")
    return value
