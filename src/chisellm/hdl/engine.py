"""The verification engine: `verify` one candidate or `verify_many` in batches.

One warm JVM compiles a batch of candidates (each in its own package) and elaborates them one at a time;
while it works on the next batch, a thread pool lowers the finished ones with firtool and simulates them
with Icarus, so both cores stay busy. Every result is typed (`Verdict`) and cached by content hash.
"""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from chisellm.hdl.cache import ResultCache, default_cache_dir
from chisellm.hdl.candidate import Candidate
from chisellm.hdl.compile_server import CompileServer, ServerDied, ServerOptions, ServerTimeout
from chisellm.hdl.firtool import run_firtool_many
from chisellm.hdl.results import Diagnostic, Result, Verdict
from chisellm.hdl.simulator import SimJob, SimLimits, SimOutcome, simulate_bench, simulate_vectors_many
from chisellm.hdl.toolchain import toolchain_fingerprint
from chisellm.hdl.vectors import Vectors

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
_PACKAGE = re.compile(r"^[ \t]*package[ \t]+[\w.]+[ \t]*;?[ \t]*$", re.M)
Progress = Callable[[int, int], None]
# Bump when a change in the engine can change a verdict (testbench, limits, message format): it invalidates caches.
ENGINE_REVISION = 5


@dataclass(frozen=True)
class EngineOptions:
    """Limits and knobs of the engine."""

    batch_size: int = 24
    workers: int = 2                    # threads running firtool + simulation
    compile_timeout_s: float = 180.0    # one batch
    elaborate_timeout_s: float = 20.0
    firtool_timeout_s: float = 30.0
    sim_timeout_s: float = 30.0
    jvm_heap_mb: int = 2048
    tool_memory_mb: int = 4096          # firtool, iverilog, vvp address space
    max_source_chars: int = 200_000
    max_firrtl_chars: int = 20_000_000
    restart_every: int = 40             # JVM restart period, in batches
    sandbox: bool = True
    cache_dir: Path | None = field(default_factory=default_cache_dir)


class Engine:
    """Owns the compile server and the backend thread pool. Use as a context manager or call `close()`."""

    def __init__(self, options: EngineOptions | None = None):
        self.options = options or EngineOptions()
        self.server = CompileServer(ServerOptions(heap_mb=self.options.jvm_heap_mb,
                                                  restart_every=self.options.restart_every,
                                                  sandbox=self.options.sandbox))
        self.cache = ResultCache(self.options.cache_dir) if self.options.cache_dir else None
        self._pool = ThreadPoolExecutor(max_workers=self.options.workers, thread_name_prefix="chisellm-backend")
        self._tmp = Path(tempfile.mkdtemp(prefix="chisellm-verify-"))
        self._lock = threading.Lock()  # one verify_many at a time drives the JVM
        self._counter = 0
        self._fingerprint: str | None = None

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.server.close()
        self._pool.shutdown(wait=True)
        shutil.rmtree(self._tmp, ignore_errors=True)

    @property
    def fingerprint(self) -> str:
        """Toolchain versions plus the engine's own revision: part of every cache key."""
        if self._fingerprint is None:
            self._fingerprint = f"{toolchain_fingerprint()}+engine-{ENGINE_REVISION}"
        return self._fingerprint

    def verify(self, source: str, top: str, vectors: Vectors | None = None, *, top_args: str = "") -> Result:
        """Verify one candidate (see `verify_many`)."""
        return self.verify_many([Candidate(source, top, vectors, top_args)])[0]

    def verify_many(self, candidates: Sequence[Candidate], progress: Progress | None = None) -> list[Result]:
        """Compile, elaborate, lower and simulate every candidate; results in input order.

        Identical candidates are verified once; cached results are reused. Nothing a candidate does can
        fail the others: crashes and timeouts become that candidate's verdict and the JVM is restarted.
        """
        with self._lock:
            keys = [c.key(self.fingerprint) for c in candidates]
            results: dict[str, Result] = {}
            todo: dict[str, Candidate] = {}
            for key, cand in zip(keys, candidates):
                if key in results or key in todo:
                    continue
                cached = self.cache.get(key) if self.cache else None
                if cached is not None:
                    results[key] = cached
                else:
                    todo[key] = cand
            done = len(candidates) - len(todo)
            total = len(candidates)
            if progress:
                progress(done, total)
            pending: list[Future] = []
            items = list(todo.items())
            for start in range(0, len(items), self.options.batch_size):
                batch = items[start:start + self.options.batch_size]
                self._front_end(batch, results, pending)
                for fut in [f for f in pending if f.done()]:
                    results.update(fut.result())
                    pending.remove(fut)
                if progress:
                    progress(min(total, done + start + len(batch)), total)
            for fut in pending:
                results.update(fut.result())
            for key in todo:
                results[key].message = _clean_message(results[key].message, key)
            if self.cache:
                for key in todo:
                    self.cache.put(key, results[key])
            if progress:
                progress(total, total)
            return [results[k] for k in keys]

    # --- front end: compile + elaborate in the JVM ------------------------------------------------------
    def _front_end(self, batch: list[tuple[str, Candidate]], results: dict[str, Result],
                   pending: list[Future]) -> None:
        prepared = []
        for key, cand in batch:
            early = _precheck(cand, self.options.max_source_chars)
            if early is not None:
                results[key] = early
                continue
            self._counter += 1
            package = f"cand_{self._counter}_{key[:8]}"
            prepared.append((key, cand, package, {
                "id": key, "source": f"package {package}\n" + _PACKAGE.sub("", cand.source),
                # chisel3._ is imported for the constructor arguments (`UInt(8.W), 3`); the top is named fully
                # so that no import can shadow it.
                "harness": f"package {package}\nobject ChiselLLMHarness {{\n  import chisel3._\n"
                           f"  def make(): chisel3.RawModule = new _root_.{package}.{cand.top}({cand.top_args})\n}}\n"}))
        if not prepared:
            return
        t0 = time.perf_counter()
        try:
            replies = self.server.compile([p[3] for p in prepared], self.options.compile_timeout_s)
        except (ServerTimeout, ServerDied) as exc:
            self._bisect(prepared, exc, results, pending)
            return
        per_item = (time.perf_counter() - t0) / len(prepared)
        remaining = []
        for (key, cand, package, _), reply in zip(prepared, replies):
            timings = {"compile": per_item}
            if not reply["ok"]:
                results[key] = Result(Verdict.COMPILE_ERROR, _diagnostic_summary(reply["errors"]),
                                      diagnostics=_diagnostics(reply["errors"]), timings=timings)
            elif reply["harness_errors"]:
                why = reply["harness_errors"][0]["message"]
                results[key] = Result(Verdict.ELABORATION_ERROR,
                                      f"cannot elaborate `new {cand.top}({cand.top_args})`: {why}", timings=timings)
            else:
                remaining.append((key, cand, package, timings))
        elaborated = []
        for index, (key, cand, package, timings) in enumerate(remaining):
            outcome = self._elaborate(key, cand, package, timings)
            if isinstance(outcome, Result):
                results[key] = outcome
                if not self.server.running:  # the JVM was lost with the rest of this batch's classes
                    self._front_end([(k, c) for k, c, _, _ in remaining[index + 1:]], results, pending)
                    break
            else:
                elaborated.append((key, cand, outcome, timings))
        # Split the batch's back-end work into one group per worker: each group needs one sandbox for
        # firtool and one shared simulation.
        groups = max(1, min(self.options.workers, len(elaborated)))
        for g in range(groups):
            if elaborated[g::groups]:
                pending.append(self._pool.submit(self._back_end, elaborated[g::groups]))

    def _bisect(self, prepared, exc: Exception, results: dict[str, Result], pending: list[Future]) -> None:
        """A batch made the compiler hang or die: split it until the culprit is alone."""
        if len(prepared) == 1:
            key, cand = prepared[0][0], prepared[0][1]
            if isinstance(exc, ServerTimeout):
                results[key] = Result(Verdict.TIMEOUT, f"scalac took longer than {self.options.compile_timeout_s:.0f} s")
            else:
                results[key] = Result(Verdict.INTERNAL_ERROR, f"the compiler crashed: {exc}\n{self.server.jvm_log()[-1500:]}")
            return
        half = len(prepared) // 2
        for part in (prepared[:half], prepared[half:]):
            self._front_end([(p[0], p[1]) for p in part], results, pending)

    def _elaborate(self, key: str, cand: Candidate, package: str, timings: dict[str, float]) -> Result | str:
        t0 = time.perf_counter()
        try:
            reply = self.server.elaborate(key, package, self.options.elaborate_timeout_s, self.options.max_firrtl_chars)
        except ServerTimeout:
            return Result(Verdict.TIMEOUT, f"elaboration took longer than {self.options.elaborate_timeout_s:.0f} s "
                          "(an infinite loop in the generator?)", timings=timings)
        except ServerDied as exc:
            log = self.server.jvm_log()
            return Result(Verdict.RESOURCE_LIMIT, f"the candidate crashed the elaboration JVM ({exc}): {log[-800:]}",
                          timings=timings)
        timings["elaborate"] = time.perf_counter() - t0
        if reply.get("op") != "elaborated":
            return Result(Verdict.INTERNAL_ERROR, f"compile server: {reply.get('message', reply)}", timings=timings)
        if reply["ok"]:
            return reply["firrtl"]
        kind, message = reply["kind"], reply["message"]
        output = reply.get("output", "")
        if kind == "resource_restart" or reply.get("restart"):
            self.server.close()  # after an OutOfMemoryError or an unstoppable thread the JVM is not trusted
        verdict = {"sandbox": Verdict.SANDBOX_VIOLATION, "resource": Verdict.RESOURCE_LIMIT,
                   "resource_restart": Verdict.RESOURCE_LIMIT, "timeout": Verdict.TIMEOUT}.get(kind, Verdict.ELABORATION_ERROR)
        errors = "\n".join(l for l in output.splitlines() if "[error]" in l or "error" in l.lower()[:12])
        return Result(verdict, f"{errors}\n{message}".strip() if errors else message, timings=timings)

    # --- back end: firtool + simulation, in the thread pool ---------------------------------------------
    def _back_end(self, group: list[tuple[str, Candidate, str, dict[str, float]]]) -> dict[str, Result]:
        """firtool for every candidate of the group in one sandbox, then one shared simulation."""
        workdir = Path(tempfile.mkdtemp(dir=self._tmp))
        results: dict[str, Result] = {}
        try:
            t0 = time.perf_counter()
            lowered = run_firtool_many([firrtl for _, _, firrtl, _ in group], workdir, self.options.firtool_timeout_s,
                                       self.options.tool_memory_mb, self.options.sandbox)
            per_item = (time.perf_counter() - t0) / len(group)
            jobs, benches = [], []
            for (key, cand, _, timings), low in zip(group, lowered):
                timings["firtool"] = per_item
                if not low.ok:
                    verdict = Verdict.TIMEOUT if low.timed_out else \
                        Verdict.RESOURCE_LIMIT if low.resource_limit else Verdict.FIRTOOL_ERROR
                    results[key] = Result(verdict, low.message, timings=timings)
                elif cand.bench is not None:
                    benches.append((key, cand, low.verilog, timings))
                elif cand.vectors is None:
                    results[key] = Result(Verdict.OK, verilog=low.verilog, timings=timings)
                else:
                    jobs.append((key, cand, low.verilog, timings))
            limits = SimLimits(self.options.sim_timeout_s, self.options.tool_memory_mb, self.options.sandbox)
            if jobs:
                simdir = workdir / "sim"
                simdir.mkdir()
                t0 = time.perf_counter()
                outcomes = simulate_vectors_many([SimJob(v, c.top, c.vectors) for _, c, v, _ in jobs], simdir, limits)
                per_item = (time.perf_counter() - t0) / len(jobs)
                for (key, _, verilog, timings), sim in zip(jobs, outcomes):
                    timings["simulate"] = per_item
                    results[key] = _sim_result(sim, verilog, timings)
            for index, (key, cand, verilog, timings) in enumerate(benches):
                benchdir = workdir / f"bench{index}"
                benchdir.mkdir()
                t0 = time.perf_counter()
                sim = simulate_bench(verilog, cand.bench, benchdir, limits)
                timings["simulate"] = time.perf_counter() - t0
                results[key] = _sim_result(sim, verilog, timings)
        except Exception as exc:  # noqa: BLE001 - a backend bug must not lose the other results
            for key, _, _, timings in group:
                results.setdefault(key, Result(Verdict.INTERNAL_ERROR, f"{type(exc).__name__}: {exc}", timings=timings))
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        return results


def _sim_result(sim: SimOutcome, verilog: str, timings: dict[str, float]) -> Result:
    if sim.passed:
        return Result(Verdict.OK, verilog=verilog, cycles=sim.cycles, timings=timings)
    if sim.timed_out:
        return Result(Verdict.TIMEOUT, sim.message, verilog=verilog, timings=timings)
    if sim.passed is None:
        return Result(Verdict.INTERNAL_ERROR, sim.message, verilog=verilog, timings=timings)
    return Result(Verdict.SIM_MISMATCH, sim.message or f"{sim.mismatches} of {sim.cycles} cycles mismatched",
                  mismatch=sim.first, mismatches=sim.mismatches, cycles=sim.cycles, verilog=verilog, timings=timings)


def _precheck(cand: Candidate, max_chars: int) -> Result | None:
    """Verdicts that need no compiler: empty, oversized or undecodable input, a top that is no identifier."""
    if len(cand.source) > max_chars:
        return Result(Verdict.RESOURCE_LIMIT, f"the source has {len(cand.source)} characters, the limit is {max_chars}")
    if not _COMMENTS.sub("", cand.source).strip():
        return Result(Verdict.COMPILE_ERROR, "the source has no code (it is empty or only comments)",
                      diagnostics=[Diagnostic(1, 1, "error", "no code")])
    try:
        cand.source.encode("utf-8")
    except UnicodeEncodeError as exc:
        line = cand.source.count("\n", 0, exc.start) + 1
        return Result(Verdict.COMPILE_ERROR, f"the source is not valid UTF-8 (line {line})",
                      diagnostics=[Diagnostic(line, 1, "error", "invalid UTF-8")])
    if "\0" in cand.source:
        return Result(Verdict.COMPILE_ERROR, "the source contains NUL bytes")
    if not _IDENT.match(cand.top):
        return Result(Verdict.ELABORATION_ERROR, f"`{cand.top}` is not a valid Scala class name")
    return None


def _clean_message(text: str, key: str) -> str:
    """Name the candidate's own lines and classes in messages, not the engine's file and package names."""
    text = re.sub(rf"{key}\.scala[: ](\d+):(\d+)", lambda m: f"line {int(m.group(1)) - 1}:{m.group(2)}", text)
    text = re.sub(r"_root_\.cand_\d+_[0-9a-f]{8}\.|cand_\d+_[0-9a-f]{8}\.", "", text)
    return re.sub(r"package cand_\d+_[0-9a-f]{8}", "the source", text)


def _diagnostics(errors: list[dict]) -> list[Diagnostic]:
    """Server errors with lines shifted back by the package line the engine prepended."""
    return [Diagnostic(max(1, e["line"] - 1), e["column"], e["severity"], e["message"]) for e in errors]


def _diagnostic_summary(errors: list[dict]) -> str:
    diags = _diagnostics(errors)
    return "\n".join(str(d) for d in diags[:5]) if diags else "compilation failed"


_default: Engine | None = None
_default_lock = threading.Lock()


def default_engine() -> Engine:
    """A process-wide engine, started on first use and stopped at exit."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Engine()
            atexit.register(_default.close)
        return _default


def verify(source: str, top: str, vectors: Vectors | None = None, *, top_args: str = "") -> Result:
    """Verify one Chisel source with the process-wide engine."""
    return default_engine().verify(source, top, vectors, top_args=top_args)


def verify_many(candidates: Sequence[Candidate], options: EngineOptions | None = None,
                progress: Progress | None = None) -> list[Result]:
    """Verify candidates in batches; with `options`, on a fresh engine that is closed afterwards."""
    if options is None:
        return default_engine().verify_many(candidates, progress)
    with Engine(options) as engine:
        return engine.verify_many(candidates, progress)
