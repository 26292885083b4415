"""Batched verification through the engine with a per-build, append-only result cache, so an interrupted
build resumes where it stopped and a sharded build splits the work between processes."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chisellm.hdl import Candidate, Result, Verdict


@dataclass(frozen=True)
class Shard:
    """Part `index` of `count` (0-based): this process verifies only the candidates whose key falls in it."""

    index: int = 0
    count: int = 1

    @classmethod
    def parse(cls, text: str) -> Shard:
        """Parse `i/n` (1-based on the command line, e.g. `1/2`)."""
        from chisellm.utils.errors import ChiselLLMError

        try:
            index, count = (int(x) for x in text.split("/"))
        except ValueError:
            raise ChiselLLMError(f"--shard {text!r} is not of the form i/n", hint="write e.g. --shard 1/2") from None
        if not 1 <= index <= count:
            raise ChiselLLMError(f"--shard {text!r}: i must be between 1 and n", hint="write e.g. --shard 1/2")
        return cls(index - 1, count)

    def owns(self, key: str) -> bool:
        return int(key[:8], 16) % self.count == self.index


class VerifyCache:
    """Results by candidate key, appended to `path` (one JSON object per line) and loaded from it and from
    its shard siblings `<stem>.shard-<i>-of-<n>.jsonl` (each shard process appends to its own file)."""

    def __init__(self, path: Path, shard: Shard | None = None):
        self.path = path
        if shard is not None and shard.count > 1:
            self.path = path.with_name(f"{path.stem}.shard-{shard.index + 1}-of-{shard.count}{path.suffix}")
        self.results: dict[str, Result] = {}
        self._base = path
        self._offsets: dict[Path, int] = {}
        self.refresh()
        self._handle = None

    def refresh(self) -> int:
        """Read what this and the sibling shard files gained since the last read; returns new results."""
        before = len(self.results)
        for file in sorted(self._base.parent.glob(f"{self._base.stem}*{self._base.suffix}")):
            if file == self.path and file in self._offsets:
                continue  # our own appends are already in memory
            with file.open("rb") as handle:
                handle.seek(self._offsets.get(file, 0))
                data = handle.read()
            complete = data[:data.rfind(b"\n") + 1]  # a sibling may be mid-append
            self._offsets[file] = self._offsets.get(file, 0) + len(complete)
            for line in complete.splitlines():
                if line.strip():
                    row = json.loads(line)
                    self.results[row["key"]] = Result.from_json(row["result"])
        return len(self.results) - before

    def add(self, key: str, result: Result) -> None:
        self.results[key] = result
        if result.verdict in (Verdict.TIMEOUT, Verdict.INTERNAL_ERROR):
            return  # load- or bug-dependent: verified again on the next run
        if self._handle is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._handle = self.path.open("a", encoding="utf-8")
        self._handle.write(json.dumps({"key": key, "result": result.to_json(with_verilog=result.ok)}) + "\n")

    def flush(self) -> None:
        if self._handle is not None:
            self._handle.flush()

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


@dataclass
class VerifyStats:
    """What one verification pass cost."""

    requested: int = 0
    cached: int = 0
    verified: int = 0
    seconds: float = 0.0

    @property
    def per_second(self) -> float:
        return self.verified / self.seconds if self.seconds else 0.0


class Verifier:
    """Verifies candidates in chunks through `verify_many`, caching every result as it arrives.

    Args:
        cache: The build's result cache.
        toolchain: The toolchain fingerprint that is part of every key.
        chunk: Candidates per `verify_many` call.
        shard: Which part of the work this process does.
        log: Where progress lines go.
        engine: The engine to use (default: the process-wide one, with its on-disk cache).
    """

    def __init__(self, cache: VerifyCache, toolchain: str, chunk: int = 64, shard: Shard | None = None,
                 log: Callable[[str], None] = print, engine: Any = None):
        self.engine = engine
        self.cache = cache
        self.toolchain = toolchain
        self.chunk = chunk
        self.shard = shard or Shard()
        self.log = log
        self.stats = VerifyStats()

    def key(self, candidate: Candidate) -> str:
        return candidate.key(self.toolchain)

    def verify(self, candidates: Sequence[Candidate], what: str = "candidates") -> list[Result | None]:
        """Results in input order; None for candidates another shard owns and no cache holds."""
        from chisellm.hdl.engine import default_engine

        engine = self.engine or default_engine()
        keys = [self.key(c) for c in candidates]
        todo: dict[str, Candidate] = {}
        for key, cand in zip(keys, candidates):
            if key not in self.cache.results and key not in todo and self.shard.owns(key):
                todo[key] = cand
        cached = sum(1 for k in set(keys) if k in self.cache.results)
        self.stats.requested += len(candidates)
        self.stats.cached += cached
        pending = list(todo.items())
        if pending:
            others = len(set(keys)) - cached - len(pending)
            self.log(f"verifying {len(pending)} {what} ({cached} cached"
                     + (f", {others} left to the other shards)" if others else ")"))
        from chisellm.utils.table import progress

        start = time.monotonic()
        with progress(f"  {what} verified", len(pending), self.log) as update:
            for offset in range(0, len(pending), self.chunk):
                batch = pending[offset:offset + self.chunk]
                results = engine.verify_many([c for _, c in batch])
                for (key, _), result in zip(batch, results):
                    self.cache.add(key, result)
                self.cache.flush()
                update(offset + len(batch))
        elapsed = time.monotonic() - start
        self.stats.verified += len(pending)
        self.stats.seconds += elapsed
        if self.shard.count > 1:
            self._await_other_shards(keys)
        return [self.cache.results.get(k) for k in keys]

    def _await_other_shards(self, keys: Sequence[str], poll_s: float = 10.0, stall_s: float = 600.0) -> None:
        """Wait until the other shards have cached their part of `keys` (or nothing new came for `stall_s`)."""
        last_progress = time.monotonic()
        while any(k not in self.cache.results for k in keys):
            if self.cache.refresh():
                last_progress = time.monotonic()
            elif time.monotonic() - last_progress > stall_s:
                self.log("other shards stalled; the unsharded run will verify what is missing")
                return
            time.sleep(poll_s)
