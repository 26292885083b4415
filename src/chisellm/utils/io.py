"""Atomic writes and JSONL reading that reports the file and line of bad rows."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from chisellm.utils.errors import ChiselLLMError


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write `text` to `path` so readers never see a half-written file (temp file + rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    # mkstemp makes 0600 files; keep an existing file's mode, else the usual 0644.
    os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else 0o644)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_jsonl(path: str | Path, rows: Iterable[dict[str, Any]]) -> None:
    """Write rows as JSON lines, atomically."""
    atomic_write_text(path, "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows))


def append_jsonl(path: str | Path, row: dict[str, Any]) -> None:
    """Append one row and flush it, so an interrupted run keeps every finished row."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        handle.flush()


def read_jsonl(path: str | Path, required: Iterable[str] = (), skip_truncated_tail: bool = False) -> Iterator[dict[str, Any]]:
    """Yield the rows of a JSONL file.

    Args:
        path: The file.
        required: Keys every row must have.
        skip_truncated_tail: Ignore a last line without a newline that fails to parse (a row an
            interrupted writer did not finish), instead of raising.

    Raises:
        ChiselLLMError: naming the file and line of a row that is not a JSON object or lacks a key.
    """
    path = Path(path)
    if not path.exists():
        raise ChiselLLMError(f"{path}: no such file", hint="check the path")
    required = tuple(required)
    with path.open("rb") as handle:
        lines = handle.read().split(b"\n")
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        is_tail = number == len(lines)
        try:
            row = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            if is_tail and skip_truncated_tail:
                return
            raise ChiselLLMError(f"{path}:{number}: not valid JSON ({exc})", hint="fix or remove that line") from None
        if not isinstance(row, dict):
            raise ChiselLLMError(f"{path}:{number}: expected a JSON object, got {type(row).__name__}",
                                 hint="each line must be one object")
        missing = [key for key in required if key not in row]
        if missing:
            raise ChiselLLMError(f"{path}:{number}: missing field(s) {', '.join(missing)}",
                                 hint=f"every row needs: {', '.join(required)}")
        yield row
