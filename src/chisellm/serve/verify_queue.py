"""Verification requests from many connections, verified in shared engine batches on the grading thread.

Every request queues its candidate and schedules a drain on the grading thread (the engine's JVM lives there);
a drain takes whatever is queued, up to one engine batch, so requests that arrive while a batch runs share the
next one. Each request gets exactly its own result back through its future.
"""

from __future__ import annotations

import queue
from concurrent.futures import Future

from chisellm.eval.repair import GRADER_THREAD
from chisellm.hdl import Candidate, Result


class VerifyQueue:
    """Batches concurrent `submit` calls into `verify_many` calls of at most `max_batch` candidates."""

    def __init__(self, max_batch: int = 24):
        self.max_batch = max_batch
        self._queue: queue.Queue[tuple[Candidate, Future]] = queue.Queue()

    def submit(self, candidate: Candidate) -> Future[Result]:
        future: Future[Result] = Future()
        self._queue.put((candidate, future))
        GRADER_THREAD.submit(self._drain)
        return future

    def _drain(self) -> None:
        from chisellm.hdl.engine import default_engine

        items: list[tuple[Candidate, Future]] = []
        while len(items) < self.max_batch:
            try:
                items.append(self._queue.get_nowait())
            except queue.Empty:
                break
        if not items:
            return  # an earlier drain took them
        try:
            results = default_engine().verify_many([candidate for candidate, _ in items])
        except Exception as exc:  # the engine itself failed: every waiting request learns it
            for _, future in items:
                future.set_exception(exc)
            return
        for (_, future), result in zip(items, results):
            future.set_result(result)
