"""Batched verification through the engine with a per-build, append-only result cache, so an interrupted
build resumes where it stopped; `verify.workers` > 1 spreads the chunks over a pool of processes, each with its
own engine (compile server), and the results come back to this process, which alone writes the cache."""

from __future__ import annotations

import json
import multiprocessing
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chisellm.hdl import Candidate, Result
from chisellm.hdl.cache import UNCACHED
from chisellm.utils.io import JsonlAppender


class VerifyCache:
    """Results by candidate key, appended to `path` (one JSON object per line) and loaded from it."""

    def __init__(self, path: Path):
        self.path = path
        self.results: dict[str, Result] = {}
        self._appender: JsonlAppender | None = None
        if path.is_file():
            self._load()

    def _load(self) -> None:
        """Read every whole line (an interrupted append leaves a partial one); a line that does not parse
        (written by an older version that could glue a row onto a torn one) is skipped, reported, and its
        candidate verified again."""
        data = self.path.read_bytes()
        bad = 0
        for line in data[:data.rfind(b"\n") + 1].splitlines():
            if line.strip():
                try:
                    row = json.loads(line)
                    self.results[row["key"]] = Result.from_json(row["result"])
                except (ValueError, KeyError, TypeError):
                    bad += 1
        if bad:
            print(f"warning: {self.path}: skipped {bad} unreadable cache line(s); those candidates are verified "
                  "again", file=sys.stderr)

    def add(self, key: str, result: Result) -> None:
        self.results[key] = result
        if result.verdict in UNCACHED:
            return  # load- or bug-dependent: verified again on the next run
        if self._appender is None:
            self._appender = JsonlAppender(self.path)  # cuts a torn last line a killed run left
        self._appender.append({"key": key, "result": result.to_json(with_verilog=result.ok)})

    def close(self) -> None:
        if self._appender is not None:
            self._appender.close()
            self._appender = None


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


def _verify_chunk(candidates: list[Candidate]) -> list[Result]:
    """Runs in a pool worker: its own process-wide engine stays warm across the chunks it is given."""
    from chisellm.hdl.engine import default_engine

    return default_engine().verify_many(candidates)


class Verifier:
    """Verifies candidates in chunks through `verify_many`, caching every result as it arrives.

    Args:
        cache: The build's result cache.
        toolchain: The toolchain fingerprint that is part of every key.
        chunk: Candidates per `verify_many` call.
        workers: Processes verifying chunks at once (1: in this process, on `engine`).
        log: Where progress lines go.
        engine: The engine to use in this process (default: the process-wide one, with its on-disk cache).
    """

    def __init__(self, cache: VerifyCache, toolchain: str, chunk: int = 64, workers: int = 1,
                 log: Callable[[str], None] = print, engine: Any = None):
        self.engine = engine
        self.cache = cache
        self.toolchain = toolchain
        self.chunk = chunk
        self.workers = workers
        self.log = log
        self.stats = VerifyStats()
        self._pool: ProcessPoolExecutor | None = None

    def key(self, candidate: Candidate) -> str:
        return candidate.key(self.toolchain)

    def verify(self, candidates: Sequence[Candidate], what: str = "candidates") -> list[Result | None]:
        """Results in input order."""
        from chisellm.utils.table import progress

        keys = [self.key(c) for c in candidates]
        todo: dict[str, Candidate] = {}
        for key, cand in zip(keys, candidates):
            if key not in self.cache.results and key not in todo:
                todo[key] = cand
        cached = sum(1 for k in set(keys) if k in self.cache.results)
        self.stats.requested += len(candidates)
        self.stats.cached += cached
        pending = list(todo.items())
        if pending:
            self.log(f"verifying {len(pending)} {what} ({cached} cached"
                     + (f", {self.workers} processes)" if self.workers > 1 else ")"))
        batches = [pending[i:i + self.chunk] for i in range(0, len(pending), self.chunk)]
        start = time.monotonic()
        with progress(f"  {what} verified", len(pending), self.log) as update:
            done = 0
            for batch, results in self._run(batches):
                for (key, _), result in zip(batch, results):
                    self.cache.add(key, result)
                done += len(batch)
                update(done)
        self.stats.verified += len(pending)
        self.stats.seconds += time.monotonic() - start
        return [self.cache.results.get(k) for k in keys]

    def _run(self, batches: list[list[tuple[str, Candidate]]]):
        """(batch, results) pairs as batches finish: in order in this process, or as the pool returns them."""
        if self.workers <= 1 or len(batches) <= 1:
            from chisellm.hdl.engine import default_engine

            engine = self.engine or default_engine()
            for batch in batches:
                yield batch, engine.verify_many([c for _, c in batch])
            return
        if self._pool is None:
            # spawn, not fork: the parent may hold a compile server and threads that a fork would copy
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"))
        futures = {self._pool.submit(_verify_chunk, [c for _, c in batch]): batch for batch in batches}
        try:
            for future in as_completed(futures):
                yield futures[future], future.result()
        except BaseException:
            for future in futures:
                future.cancel()
            raise

    def close(self) -> None:
        """Stop the worker processes (their engines close with them) and close the cache file."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
        self.cache.close()
