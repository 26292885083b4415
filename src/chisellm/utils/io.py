"""Atomic writes, line-atomic JSONL appends, and reading that reports the file and line of bad input."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from chisellm.utils.errors import ChiselLLMError

# Field types a JSONL reader can demand: a type or a tuple of types (bool never passes for int).
FieldTypes = Mapping[str, type | tuple[type, ...]]


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


def decode_utf8(data: bytes, path: str | Path) -> str:
    """`data` as text, or an error naming the file and line of the first byte that is not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise ChiselLLMError(f"{path}:{line}: not UTF-8 text (byte 0x{data[exc.start]:02x})",
                             hint="save the file as UTF-8") from None


def read_text(path: str | Path, what: str = "file") -> str:
    """The UTF-8 text of `path`; errors name the file (and the line of a byte that is not UTF-8)."""
    path = Path(path)
    if not path.is_file():
        raise ChiselLLMError(f"{path}: no such {what}" if not path.exists() else f"{path}: is not a file",
                             hint="check the path")
    return decode_utf8(path.read_bytes(), path)


def read_json(path: str | Path, what: str = "file") -> Any:
    """The parsed JSON of `path`; errors name the file and line (missing, not UTF-8, not valid JSON)."""
    try:
        return json.loads(read_text(path, what))
    except json.JSONDecodeError as exc:
        raise ChiselLLMError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})", hint=f"fix the {what}") from None


class JsonlAppender:
    """Appends rows to a JSONL file, each as one `write()` of a whole line (O_APPEND), so a kill leaves at
    most one torn last line, never a line glued onto another. A torn tail left by an earlier kill is cut off
    when the file is opened, so the first new row starts on a clean line."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        self.dropped = drop_torn_tail(self._fd)
        if self.dropped:
            report_torn_tail(self.path, self.dropped)

    def append(self, row: dict[str, Any]) -> None:
        data = (json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8")
        written = os.write(self._fd, data)
        while written < len(data):  # only on a full disk or a signal; the reader drops a torn tail
            written += os.write(self._fd, data[written:])

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def __enter__(self) -> JsonlAppender:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def drop_torn_tail(fd: int) -> int:
    """Truncate an open file after its last newline; returns the number of bytes cut (0: the file was whole)."""
    size = os.fstat(fd).st_size
    if size == 0 or os.pread(fd, 1, size - 1) == b"\n":
        return 0
    keep, block = 0, 65536
    for end in range(size, 0, -block):
        start = max(0, end - block)
        chunk = os.pread(fd, end - start, start)
        newline = chunk.rfind(b"\n")
        if newline >= 0:
            keep = start + newline + 1
            break
    os.ftruncate(fd, keep)
    return size - keep


def repair_torn_tail(path: str | Path) -> int:
    """Cut an unfinished last line off `path` (if it exists), reporting it; returns the bytes cut."""
    path = Path(path)
    if not path.is_file():
        return 0
    fd = os.open(path, os.O_RDWR)
    try:
        dropped = drop_torn_tail(fd)
    finally:
        os.close(fd)
    if dropped:
        report_torn_tail(path, dropped)
    return dropped


def report_torn_tail(path: Path, size: int) -> None:
    """Say that an unfinished last line (an interrupted write) was dropped."""
    print(f"warning: {path}: dropped an unfinished last line ({size} bytes, left by an interrupted write)",
          file=sys.stderr)


def append_jsonl(path: str | Path, row: dict[str, Any]) -> None:
    """Append one row as one whole line (see `JsonlAppender`), so an interrupted run keeps every finished row."""
    with JsonlAppender(path) as appender:
        appender.append(row)


def read_jsonl(path: str | Path, required: Iterable[str] = (), skip_truncated_tail: bool = False,
               types: FieldTypes | None = None) -> Iterator[dict[str, Any]]:
    """Yield the rows of a JSONL file (see `read_jsonl_lines`)."""
    for _, row in read_jsonl_lines(path, required, skip_truncated_tail, types):
        yield row


def read_jsonl_lines(path: str | Path, required: Iterable[str] = (), skip_truncated_tail: bool = False,
                     types: FieldTypes | None = None) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, row) for the rows of a JSONL file.

    Args:
        path: The file.
        required: Keys every row must have.
        skip_truncated_tail: Drop (and report on stderr) a last line without a newline that fails to parse:
            a row an interrupted writer did not finish.
        types: Types of fields, checked where a row has the field (e.g. `{"code": str}`).

    Raises:
        ChiselLLMError: naming the file and line of a row that is not a UTF-8 JSON object, lacks a key or has a
            field of the wrong type.
    """
    path = Path(path)
    if not path.is_file():
        raise ChiselLLMError(f"{path}: no such file" if not path.exists() else f"{path}: is not a file",
                             hint="check the path")
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
                report_torn_tail(path, len(raw))
                return
            problem = "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else f"not valid JSON ({exc})"
            raise ChiselLLMError(f"{path}:{number}: {problem}", hint="fix or remove that line") from None
        if not isinstance(row, dict):
            raise ChiselLLMError(f"{path}:{number}: expected a JSON object, got {type(row).__name__}",
                                 hint="each line must be one object")
        missing = [key for key in required if key not in row]
        if missing:
            raise ChiselLLMError(f"{path}:{number}: missing field(s) {', '.join(missing)}",
                                 hint=f"every row needs: {', '.join(required)}")
        for key, kind in (types or {}).items():
            if key in row and not is_of_type(row[key], kind):
                raise ChiselLLMError(f"{path}:{number}: field `{key}` must be {describe_type(kind)}, got "
                                     f"{json_type_name(row[key])} {json.dumps(row[key])[:40]}",
                                     hint=f"write `{key}` as {describe_type(kind)}")
        yield number, row


def is_of_type(value: Any, kind: type | tuple[type, ...]) -> bool:
    """isinstance, except that a JSON true/false is not a number."""
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if isinstance(value, bool) and bool not in kinds:
        return False
    return isinstance(value, kinds)


_JSON_NAMES = {str: "a string", int: "an integer", float: "a number", bool: "true or false", dict: "an object",
               list: "a list", type(None): "null"}


def describe_type(kind: type | tuple[type, ...]) -> str:
    """`a string`, `an object or null`, ... for error messages."""
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(_JSON_NAMES.get(k, k.__name__) for k in kinds)


def json_type_name(value: Any) -> str:
    """The JSON name of a parsed value's type (`number`, `list`, ...)."""
    if isinstance(value, bool):
        return "a boolean"
    return {str: "a string", int: "a number", float: "a number", dict: "an object", list: "a list",
            type(None): "null"}.get(type(value), type(value).__name__)
