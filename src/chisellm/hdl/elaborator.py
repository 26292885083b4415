"""Elaboration in a pool of sandboxed worker JVMs (`jvm/ElabWorker.scala`).

Candidate generators run only here. A worker elaborates one candidate at a time under a CPU-time budget, a wall
clock cap and a heap cap; it exits after a timeout, an Error, a sandbox violation or any change to JVM-wide state,
so no candidate ever runs in a JVM an earlier candidate may have bent, and a replacement is started in the
background. Workers are started when work waits and none is idle, up to `workers`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from chisellm.hdl.jvm_process import GarbledReply, JvmDied, JvmProcess, JvmSpec, JvmTimeout, Toolchain

# Jars the worker's own code needs (its JSON); the candidates' libraries are loaded separately, without the compiler.
_WORKER_JARS = ("scala-library-", "ujson_", "upickle-core_", "geny_")
_NOT_FOR_CANDIDATES = ("scala-compiler-", "jline-")


@dataclass(frozen=True)
class ElabOptions:
    """Limits of one elaboration and of the pool."""

    workers: int = 2
    heap_mb: int = 1024
    cpu_s: float = 2.0           # CPU time of the candidate's thread (a typical generator needs 5-50 ms)
    cold_cpu_s: float = 20.0     # extra for a worker's first elaboration (class loading and JIT warm-up)
    wall_s: float = 30.0
    heap_cap_mb: int = 768       # live heap after a GC, above which the generator is a memory bomb
    max_firrtl_chars: int = 20_000_000
    restart_every: int = 1000    # candidates per worker
    guard: bool = True           # the SecurityManager second line, where the JDK still has one


@dataclass(frozen=True)
class Elaborated:
    """A worker's answer. `kind` (when not ok): error | sandbox | resource | timeout | crash | internal."""

    ok: bool
    firrtl: str = ""
    kind: str = ""
    message: str = ""
    output: str = ""
    cpu_ms: float = 0.0


class _Worker:
    def __init__(self, toolchain: Toolchain, options: ElabOptions, warmup: tuple[str, dict[str, str]] | None):
        tc = toolchain
        libraries = ":".join(tc.jar(j) for j in tc.cp.jars if not j.name.startswith(_NOT_FOR_CANDIDATES))
        guard = "on" if options.guard and tc.jdk.has_security_manager else "off"
        spec = JvmSpec("elaborator", "chisellm.server.ElabWorker", (tc.server, *tc.jars_named(*_WORKER_JARS)),
                       (libraries, guard), options.heap_mb)
        self.jvm = JvmProcess(spec, tc)
        self.options = options
        self.done = 0
        self.retired = False  # the worker announced it exits after its last reply
        self.jvm.start()
        if warmup is not None:
            # The engine's own module, first: class loading and JIT warm-up are not charged to a candidate's
            # CPU budget, so a runaway candidate is stopped after `cpu_s` even in a fresh worker.
            self.elaborate(*warmup)

    def elaborate(self, package: str, classes: dict[str, str]) -> Elaborated:
        o = self.options
        cpu = o.cpu_s + (o.cold_cpu_s if self.done == 0 else 0.0)
        request = {"op": "elaborate", "pkg": package, "classes": classes, "cpu_ms": int(cpu * 1000),
                   "wall_ms": int((o.wall_s + (o.cold_cpu_s if self.done == 0 else 0.0)) * 1000),
                   "heap_mb": o.heap_cap_mb, "max_firrtl": o.max_firrtl_chars}
        self.done += 1
        try:
            reply = self.jvm.request(request, o.wall_s + o.cold_cpu_s + 15)
        except JvmTimeout:
            return Elaborated(False, kind="timeout", message=f"elaboration took longer than {o.wall_s:.0f} s")
        except JvmDied:
            return Elaborated(False, kind="crash", message=f"the candidate crashed the elaboration JVM: {self.jvm.log()[-600:]}")
        except GarbledReply as exc:
            return Elaborated(False, kind="internal", message=str(exc))
        self.retired = bool(reply.get("restart"))
        if reply.get("op") != "elaborated":
            self.jvm.close(force=True)
            return Elaborated(False, kind="internal", message=f"elaboration worker: {reply.get('message', reply)}")
        return Elaborated(bool(reply["ok"]), reply.get("firrtl", ""), reply.get("kind", ""), reply.get("message", ""),
                          reply.get("output", ""), float(reply.get("cpu_ms", 0.0)))

    @property
    def usable(self) -> bool:
        return not self.retired and self.jvm.running and self.done < self.options.restart_every


class ElabPool:
    """Up to `options.workers` worker JVMs shared by the threads that call `elaborate`."""

    def __init__(self, options: ElabOptions | None = None, toolchain: Toolchain | None = None):
        self.options = options or ElabOptions()
        self._toolchain = toolchain
        self._idle: list[_Worker] = []
        self._count = 0
        self._cond = threading.Condition()
        self._closed = False
        self.starts = 0
        self.warmup: tuple[str, dict[str, str]] | None = None  # (package, classes) elaborated first by each worker
        self._prestarts: list[threading.Thread] = []

    @property
    def toolchain(self) -> Toolchain:
        if self._toolchain is None:
            self._toolchain = Toolchain()
        return self._toolchain

    def elaborate(self, package: str, classes: dict[str, str]) -> Elaborated:
        """Elaborate one compiled candidate on an idle (or new) worker."""
        worker = self._acquire()
        try:
            return worker.elaborate(package, classes)
        finally:
            self._release(worker)

    def _acquire(self) -> _Worker:
        with self._cond:
            while True:
                if self._idle:
                    return self._idle.pop()
                if self._count < self.options.workers:
                    self._count += 1
                    break
                self._cond.wait()
        try:
            worker = _Worker(self.toolchain, self.options, self.warmup)
        except BaseException:
            with self._cond:
                self._count -= 1
                self._cond.notify()
            raise
        self.starts += 1
        return worker

    def _release(self, worker: _Worker) -> None:
        if worker.usable and not self._closed:
            with self._cond:
                self._idle.append(worker)
                self._cond.notify()
            return
        worker.jvm.close(force=worker.retired or not worker.jvm.running)
        with self._cond:
            self._count -= 1
            self._cond.notify()
        if not self._closed:
            # A warm replacement, started now so that the next candidate does not wait for a JVM to boot.
            thread = threading.Thread(target=self._prestart, daemon=True, name="chisellm-elab-prestart")
            with self._cond:
                self._prestarts = [t for t in self._prestarts if t.is_alive()] + [thread]
            thread.start()

    def _prestart(self) -> None:
        with self._cond:
            if self._closed or self._count >= self.options.workers:
                return
            self._count += 1
        try:
            worker = _Worker(self.toolchain, self.options, self.warmup)
        except Exception:  # noqa: BLE001 - a failed warm start only costs the next caller a cold one
            with self._cond:
                self._count -= 1
                self._cond.notify()
            return
        self.starts += 1
        with self._cond:
            if self._closed:
                worker.jvm.close()
                self._count -= 1
                return
            self._idle.append(worker)
            self._cond.notify()

    def close(self) -> None:
        """Stop every worker, waiting for replacements still starting, so that no JVM outlives the pool."""
        with self._cond:
            self._closed = True
            prestarts = list(self._prestarts)
        for thread in prestarts:
            thread.join(timeout=120)
        with self._cond:
            idle, self._idle = self._idle, []
            self._count -= len(idle)
        for worker in idle:
            worker.jvm.close()
