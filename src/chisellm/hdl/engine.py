"""The verification engine: `verify` one candidate or `verify_many` in batches.

Stages, each in its own sandbox (see `sandbox`), each candidate's failure its own:

1. **compile**: one warm compile-server JVM runs scalac on a batch (each candidate in a package of its own with a
   random name) and checks the class files against the bytecode policy; no candidate code runs there. A compiler
   crash or an error without a position is isolated inside the server; a lost JVM is bisected here.
2. **elaborate**: the candidate's generator runs in a pool of worker JVMs, in parallel, under a CPU-time budget;
   a worker whose candidate bent JVM-wide state, timed out or hit an Error is replaced.
3. **check**: FIRRTL and Verilog integrity rules and caps (`integrity`).
4. **lower + simulate**: firtool, then Icarus with the generated testbench (designs without black boxes share
   one run) or an upstream testbench.

While batch k is elaborated and simulated, batch k+1 compiles. Results are typed (`Verdict`) and cached by
content hash and engine revision; nothing is cached from a batch whose compiler JVM was lost, and no timeout or
internal error is cached.
"""

from __future__ import annotations

import atexit
import os
import re
import secrets
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
from chisellm.hdl.compile_server import CompileItem, Compiled, CompileServer, ServerOptions
from chisellm.hdl.elaborator import ElabOptions, Elaborated, ElabPool
from chisellm.hdl.firtool import run_firtool_many
from chisellm.hdl.integrity import FirrtlFacts, Refusal, check_firrtl, check_verilog
from chisellm.hdl.jvm_process import GarbledReply, JvmDied, JvmTimeout
from chisellm.hdl.results import Diagnostic, Result, Verdict
from chisellm.hdl.simulator import SimJob, SimLimits, SimOutcome, simulate_testbench, simulate_vectors, \
    simulate_vectors_many
from chisellm.hdl.toolchain import toolchain_fingerprint
from chisellm.hdl.vectors import Vectors

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
_PACKAGE_CLAUSE = re.compile(r"^[ \t]*package[ \t]+(?!object\b)[\w.]+", re.M)
_MACRO = re.compile(r"(?<![\w$])macro(?![\w$])")
Progress = Callable[[int, int], None]
# Bump when a change in the engine can change a verdict (testbench, limits, message format): it invalidates caches.
ENGINE_REVISION = 7
# The engine's own module that every elaboration worker elaborates first (see `ElabPool.warmup`).
_WARMUP = """import chisel3._
import chisel3.util._
class ChiselLLMWarmup(n: Int) extends Module {
  val io = IO(new Bundle {
    val in = Flipped(Decoupled(UInt(8.W)))
    val out = Decoupled(UInt(8.W))
    val s = Input(SInt(8.W))
    val v = Output(Vec(n, UInt(4.W)))
    val y = Output(SInt(9.W))
  })
  val q = Module(new Queue(UInt(8.W), 4))
  q.io.enq <> io.in
  io.out <> q.io.deq
  val (count, wrap) = Counter(io.in.fire, 5)
  val r = RegInit(VecInit(Seq.fill(n)(0.U(4.W))))
  when(wrap) { r(count) := count } .elsewhen(io.in.valid) { r(0) := PriorityEncoder(io.in.bits) }
  io.v := r
  io.y := Mux(io.s > 0.S, io.s +& 1.S, -io.s)
  val st = RegInit(0.U(2.W))
  switch(st) { is(0.U) { st := 1.U } is(1.U) { st := Cat(wrap, io.in.valid) } }
}
"""
_REFUSAL_VERDICT = {"integrity": Verdict.INTEGRITY_VIOLATION, "blackbox": Verdict.BLACKBOX_REFUSED,
                    "resource": Verdict.RESOURCE_LIMIT}
_ELAB_VERDICT = {"sandbox": Verdict.SANDBOX_VIOLATION, "resource": Verdict.RESOURCE_LIMIT,
                 "crash": Verdict.RESOURCE_LIMIT, "timeout": Verdict.TIMEOUT, "error": Verdict.ELABORATION_ERROR}


@dataclass(frozen=True)
class EngineOptions:
    """Limits and knobs of the engine."""

    batch_size: int = 24
    workers: int = 2                    # elaboration JVMs, and threads running firtool + simulation
    compile_timeout_s: float = 180.0    # one batch
    elaborate_cpu_s: float = 2.0        # CPU time of one generator (typical: 5-50 ms on a warm worker)
    elaborate_wall_s: float = 30.0
    firtool_timeout_s: float = 30.0
    sim_timeout_s: float = 30.0
    jvm_heap_mb: int = 2048             # the compiler's heap
    worker_heap_mb: int = 1024          # each elaboration worker's heap
    tool_memory_mb: int = 4096          # firtool, iverilog, vvp address space
    max_source_chars: int = 200_000
    max_firrtl_chars: int = 20_000_000
    restart_every: int = 40             # compiler restart period, in batches
    cache_dir: Path | None = field(default_factory=default_cache_dir)


@dataclass
class Job:
    """One candidate on its way through the stages."""

    key: str
    candidate: Candidate
    package: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    classes: dict[str, str] = field(default_factory=dict)
    firrtl: str = ""
    verilog: str = ""
    blackboxes: tuple[str, ...] = ()
    cacheable: bool = True


class Engine:
    """Owns the compile server, the elaboration pool and the back-end threads. Use as a context manager or call
    `close()`."""

    def __init__(self, options: EngineOptions | None = None):
        self.options = o = options or EngineOptions()
        self.server = CompileServer(ServerOptions(heap_mb=o.jvm_heap_mb, restart_every=o.restart_every))
        self.elaborators = ElabPool(ElabOptions(workers=o.workers, heap_mb=o.worker_heap_mb, cpu_s=o.elaborate_cpu_s,
                                                wall_s=o.elaborate_wall_s, max_firrtl_chars=o.max_firrtl_chars))
        self.cache = ResultCache(o.cache_dir) if o.cache_dir else None
        self._elab = ThreadPoolExecutor(max_workers=o.workers, thread_name_prefix="chisellm-elab")
        self._backend = ThreadPoolExecutor(max_workers=o.workers, thread_name_prefix="chisellm-backend")
        self._finisher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chisellm-finish")
        self._tmp = Path(tempfile.mkdtemp(prefix="chisellm-verify-"))
        os.chmod(self._tmp, 0o711)  # the sandbox user must reach its work folders inside
        self._lock = threading.Lock()  # one verify_many at a time drives the compiler
        self._salt = secrets.token_hex(4)  # package names a candidate cannot guess
        self._counter = 0
        self._fingerprint: str | None = None

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.server.close()
        for pool in (self._finisher, self._elab, self._backend):
            pool.shutdown(wait=True)
        self.elaborators.close()
        shutil.rmtree(self._tmp, ignore_errors=True)

    @property
    def fingerprint(self) -> str:
        """Toolchain versions plus the engine's own revision: part of every cache key."""
        if self._fingerprint is None:
            self._fingerprint = engine_fingerprint()
        return self._fingerprint

    def verify(self, source: str, top: str, vectors: Vectors | None = None, *, top_args: str = "") -> Result:
        """Verify one candidate (see `verify_many`)."""
        return self.verify_many([Candidate(source, top, vectors, top_args)])[0]

    def verify_many(self, candidates: Sequence[Candidate], progress: Progress | None = None) -> list[Result]:
        """Compile, elaborate, check, lower and simulate every candidate; results in input order.

        Identical candidates are verified once; cached results are reused. Nothing a candidate does can change
        another's verdict: crashes, timeouts and violations are that candidate's own.
        """
        with self._lock:
            keys = [c.key(self.fingerprint) for c in candidates]
            results: dict[str, Result] = {}
            todo: dict[str, Job] = {}
            for key, cand in zip(keys, candidates):
                if key in results or key in todo:
                    continue
                cached = self.cache.get(key) if self.cache else None
                if cached is not None:
                    results[key] = cached
                else:
                    todo[key] = Job(key, cand)
            total, done = len(candidates), len(candidates) - len(todo)
            if progress:
                progress(done, total)
            jobs = list(todo.values())
            pending: list[Future] = []
            for start in range(0, len(jobs), self.options.batch_size):
                batch = jobs[start:start + self.options.batch_size]
                compiled = self._compile(batch, results)
                pending.append(self._finisher.submit(self._finish, compiled))
                for fut in [f for f in pending if f.done()]:
                    results.update(fut.result())
                    pending.remove(fut)
                if progress:
                    progress(min(total, done + start + len(batch)), total)
            for fut in pending:
                results.update(fut.result())
            for job in jobs:
                results[job.key].message = self._clean(results[job.key].message, job.package)
            if self.cache:
                for job in jobs:
                    res = results[job.key]
                    if job.cacheable:
                        self.cache.put(job.key, res)  # it keeps no timeout or internal error
            if progress:
                progress(total, total)
            return [results[k] for k in keys]

    # --- compile ----------------------------------------------------------------------------------------------
    def _compile(self, batch: list[Job], results: dict[str, Result]) -> list[Job]:
        """scalac + bytecode policy for a batch; returns the jobs that go on to elaboration."""
        if self.elaborators.warmup is None:
            self._compile_warmup()
        live = []
        for job in batch:
            early = _precheck(job.candidate, self.options.max_source_chars)
            if early is not None:
                results[job.key] = early
                continue
            self._counter += 1
            job.package = f"cand_{self._salt}_{self._counter}"
            live.append(job)
        return self._compile_live(live, results)

    def _compile_warmup(self) -> None:
        package = f"cand_{self._salt}_warmup"
        job = Job("warmup", Candidate(_WARMUP, "ChiselLLMWarmup", top_args="3"), package)
        try:
            reply = self.server.compile([CompileItem(job.key, package, _with_package(_WARMUP, package),
                                                     _harness(package, job.candidate))], self.options.compile_timeout_s)[0]
        except (JvmDied, JvmTimeout, GarbledReply):
            return  # the batch that follows reports what is wrong with the compiler
        if reply.ok and reply.classes:
            self.elaborators.warmup = (package, reply.classes)

    def _compile_live(self, live: list[Job], results: dict[str, Result]) -> list[Job]:
        if not live:
            return []
        items = [CompileItem(job.key, job.package, _with_package(job.candidate.source, job.package),
                             _harness(job.package, job.candidate)) for job in live]
        t0 = time.perf_counter()
        try:
            replies = self.server.compile(items, self.options.compile_timeout_s)
        except (JvmDied, JvmTimeout, GarbledReply) as exc:
            for job in live:
                job.cacheable = False
            if len(live) == 1:
                results[live[0].key] = _lost_compiler(exc, self.options.compile_timeout_s, self.server.log())
                return []
            half = len(live) // 2
            return self._compile_live(live[:half], results) + self._compile_live(live[half:], results)
        per_item = (time.perf_counter() - t0) / len(live)
        out = []
        for job, reply in zip(live, replies):
            job.timings["compile"] = per_item
            result = _compile_verdict(job, reply)
            if result is None:
                job.classes = reply.classes
                out.append(job)
            else:
                result.timings = job.timings
                results[job.key] = result
        return out

    # --- elaborate, check, lower, simulate --------------------------------------------------------------------
    def _finish(self, jobs: list[Job]) -> dict[str, Result]:
        results: dict[str, Result] = {}
        elaborated = list(self._elab.map(self._elaborate, jobs))
        lowerable = []
        for job, outcome in zip(jobs, elaborated):
            if outcome is not None:
                results[job.key] = outcome
            else:
                lowerable.append(job)
        groups = max(1, min(self.options.workers, len(lowerable)))
        futures = [self._backend.submit(self._back_end, lowerable[g::groups]) for g in range(groups) if lowerable[g::groups]]
        for fut in futures:
            results.update(fut.result())
        return results

    def _elaborate(self, job: Job) -> Result | None:
        """Runs the generator; None when the job has its FIRRTL and passed the FIRRTL checks."""
        t0 = time.perf_counter()
        try:
            outcome: Elaborated = self.elaborators.elaborate(job.package, job.classes)
        except Exception as exc:  # noqa: BLE001 - a pool failure is this candidate's internal error
            return Result(Verdict.INTERNAL_ERROR, f"elaboration worker: {type(exc).__name__}: {exc}", timings=job.timings)
        job.timings["elaborate"] = time.perf_counter() - t0
        job.classes = {}
        if not outcome.ok:
            verdict = _ELAB_VERDICT.get(outcome.kind, Verdict.INTERNAL_ERROR)
            # Chisel prints its error list before throwing "Fatal errors during hardware elaboration".
            errors = "\n".join(line for line in outcome.output.splitlines() if "[error]" in line)
            message = f"{errors}\n{outcome.message}".strip() if errors and verdict is Verdict.ELABORATION_ERROR \
                else outcome.message
            return Result(verdict, message, timings=job.timings)
        facts = check_firrtl(outcome.firrtl, job.candidate.allow_blackbox)
        if isinstance(facts, Refusal):
            return Result(_REFUSAL_VERDICT[facts.kind], facts.message, timings=job.timings)
        assert isinstance(facts, FirrtlFacts)
        job.firrtl, job.blackboxes = outcome.firrtl, facts.blackboxes
        return None

    def _back_end(self, group: list[Job]) -> dict[str, Result]:
        """firtool for every job of the group in one sandbox, the Verilog checks, then the simulations."""
        workdir = Path(tempfile.mkdtemp(dir=self._tmp))
        os.chmod(workdir, 0o711)
        results: dict[str, Result] = {}
        o = self.options
        try:
            t0 = time.perf_counter()
            lowered = run_firtool_many([job.firrtl for job in group], workdir, o.firtool_timeout_s, o.tool_memory_mb)
            per_item = (time.perf_counter() - t0) / len(group)
            shared, alone = [], []
            for job, low in zip(group, lowered):
                job.timings["firtool"] = per_item
                job.firrtl = ""
                if not low.ok:
                    verdict = Verdict.TIMEOUT if low.timed_out else \
                        Verdict.RESOURCE_LIMIT if low.resource_limit else Verdict.FIRTOOL_ERROR
                    results[job.key] = Result(verdict, low.message, timings=job.timings)
                    continue
                refusal = check_verilog(low.verilog, job.candidate.bench.modules() if job.candidate.bench else frozenset())
                if refusal is not None:
                    results[job.key] = Result(_REFUSAL_VERDICT[refusal.kind], refusal.message, timings=job.timings)
                    continue
                job.verilog = low.verilog
                cand = job.candidate
                if cand.bench is None and cand.vectors is None:
                    results[job.key] = Result(Verdict.OK, verilog=job.verilog, timings=job.timings)
                elif cand.bench is None and not job.blackboxes and not cand.want_vcd:
                    shared.append(job)
                else:
                    alone.append(job)
            limits = SimLimits(o.sim_timeout_s, o.tool_memory_mb)
            if shared:
                simdir = workdir / "sim"
                simdir.mkdir()
                t0 = time.perf_counter()
                outcomes = simulate_vectors_many([SimJob(j.verilog, j.candidate.top, j.candidate.vectors) for j in shared],
                                                 simdir, limits)
                per_item = (time.perf_counter() - t0) / len(shared)
                for job, sim in zip(shared, outcomes):
                    job.timings["simulate"] = per_item
                    results[job.key] = _sim_result(sim, job)
            for index, job in enumerate(alone):
                folder = workdir / f"alone{index}"
                folder.mkdir()
                t0 = time.perf_counter()
                cand = job.candidate
                if cand.bench is not None:
                    sim = simulate_testbench(job.verilog, cand.bench, folder, limits, cand.want_vcd)
                else:
                    sim = simulate_vectors(job.verilog, cand.top, cand.vectors, folder, limits, cand.want_vcd)
                job.timings["simulate"] = time.perf_counter() - t0
                results[job.key] = _sim_result(sim, job)
        except Exception as exc:  # noqa: BLE001 - a backend bug must not lose the other results
            for job in group:
                job.cacheable = False
                results.setdefault(job.key, Result(Verdict.INTERNAL_ERROR, f"{type(exc).__name__}: {exc}",
                                                   timings=job.timings))
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        return results

    def _clean(self, text: str, package: str) -> str:
        """Name the candidate's own lines and classes in messages, not the engine's file and package names."""
        if not package:
            return text
        text = re.sub(r"\b[0-9a-f]{64}\.scala[: ](\d+):(\d+)", lambda m: f"line {int(m.group(1)) - 1}:{m.group(2)}", text)
        text = text.replace(f"_root_.{package}.", "").replace(f"{package}.", "").replace(f"{package}/", "")
        return text.replace(f"package {package}", "the source")


def engine_fingerprint() -> str:
    """What every verification cache keys its results with: toolchain versions and the engine revision."""
    return f"{toolchain_fingerprint()}+engine-{ENGINE_REVISION}"


def _with_package(source: str, package: str) -> str:
    """The source in the engine's package: one leading `package` clause is blanked (line numbers kept)."""
    lines = source.split("\n")
    for i, line in enumerate(lines):
        text = line.strip()
        if not text or text.startswith("//"):
            continue
        if re.fullmatch(r"package[ \t]+[\w.]+[ \t]*;?", text):
            lines[i] = ""
        break
    return f"package {package}\n" + "\n".join(lines)


def _harness(package: str, cand: Candidate) -> str:
    """The engine's own code in the candidate's package: `emit` elaborates the top, and `structuralMethod` is what
    the bytecode policy puts in place of `Class.getMethod` (Scala's structural calls, `io.a` on an anonymous
    Bundle): it finds only methods the candidate declared itself."""
    return (f"package {package}\nobject ChiselLLMHarness {{\n  import chisel3._\n"
            f"  def emit(): String = _root_.circt.stage.ChiselStage.emitCHIRRTL(new _root_.{package}.{cand.top}({cand.top_args}))\n"
            "  def structuralMethod(c: Class[_], name: String, params: Array[Class[_]]): java.lang.reflect.Method = {\n"
            "    val m = c.getMethod(name, params: _*)\n"
            f"    if (!m.getDeclaringClass.getName.startsWith(\"{package}.\"))\n"
            "      throw new SecurityException(s\"reflective call of $name outside the candidate's own classes\")\n"
            "    m\n  }\n}\n")


def _compile_verdict(job: Job, reply: Compiled) -> Result | None:
    cand = job.candidate
    if not reply.ok:
        diags = [Diagnostic(max(1, e["line"] - 1), e["column"], e["severity"], e["message"]) for e in reply.errors]
        message = "\n".join(str(d) for d in diags[:5]) if diags else "compilation failed"
        return Result(Verdict.COMPILE_ERROR, message, diagnostics=diags)
    if reply.violation:
        return Result(Verdict.SANDBOX_VIOLATION, f"sandbox violation: the candidate {reply.violation}")
    if reply.harness_errors:
        why = reply.harness_errors[0]["message"]
        return Result(Verdict.ELABORATION_ERROR, f"cannot elaborate `new {cand.top}({cand.top_args})`: {why}")
    return None


def _lost_compiler(exc: Exception, timeout_s: float, log: str) -> Result:
    if isinstance(exc, JvmTimeout):
        return Result(Verdict.TIMEOUT, f"scalac took longer than {timeout_s:.0f} s on this source")
    if isinstance(exc, GarbledReply):
        return Result(Verdict.INTERNAL_ERROR, f"the compile server gave a garbled reply: {exc}")
    return Result(Verdict.RESOURCE_LIMIT, f"the Scala compiler's JVM died on this source: {log[-600:]}")


def _sim_result(sim: SimOutcome, job: Job) -> Result:
    timings, verilog = job.timings, job.verilog
    if sim.passed:
        return Result(Verdict.OK, verilog=verilog, vcd=sim.vcd, cycles=sim.cycles, timings=timings)
    if sim.timed_out:
        return Result(Verdict.TIMEOUT, sim.message, verilog=verilog, timings=timings)
    if sim.capped:
        return Result(Verdict.RESOURCE_LIMIT, sim.message, verilog=verilog, timings=timings)
    if sim.passed is None:
        return Result(Verdict.INTERNAL_ERROR, sim.message, verilog=verilog, timings=timings)
    return Result(Verdict.SIM_MISMATCH, sim.message or f"{sim.mismatches} of {sim.cycles} cycles mismatched",
                  mismatch=sim.first, mismatches=sim.mismatches, cycles=sim.cycles, verilog=verilog, vcd=sim.vcd,
                  timings=timings)


def _precheck(cand: Candidate, max_chars: int) -> Result | None:
    """Verdicts that need no compiler: empty, oversized or undecodable input, a top that is no identifier,
    macros, and package clauses beyond one leading line."""
    if len(cand.source) > max_chars:
        return Result(Verdict.RESOURCE_LIMIT, f"the source has {len(cand.source):,} characters; the cap is {max_chars:,}")
    code = _COMMENTS.sub("", cand.source)
    if not code.strip():
        return Result(Verdict.COMPILE_ERROR, "the source has no code (it is empty or only comments)",
                      diagnostics=[Diagnostic(1, 1, "error", "no code")])
    try:
        cand.source.encode("utf-8")
    except UnicodeEncodeError as exc:
        line = cand.source.count("\n", 0, exc.start) + 1
        return Result(Verdict.COMPILE_ERROR, f"the source is not valid UTF-8 (line {line})",
                      diagnostics=[Diagnostic(line, 1, "error", "invalid UTF-8")])
    if "\0" in cand.source:
        line = cand.source.count("\n", 0, cand.source.index("\0")) + 1
        return Result(Verdict.COMPILE_ERROR, f"the source contains a NUL byte (line {line})",
                      diagnostics=[Diagnostic(line, 1, "error", "NUL byte")])
    if not _IDENT.match(cand.top):
        return Result(Verdict.ELABORATION_ERROR, f"`{cand.top}` is not a valid Scala class name")
    if not re.fullmatch(r"[^;{}]*", cand.top_args or ""):
        return Result(Verdict.ELABORATION_ERROR, f"constructor arguments `{cand.top_args}` may not contain ; {{ or }}")
    body = _with_package(cand.source, "p").split("\n", 1)[1]
    clause = _PACKAGE_CLAUSE.search(_COMMENTS.sub(lambda m: " " * len(m.group()), body))
    if clause is not None:
        line = body.count("\n", 0, clause.start()) + 1
        return Result(Verdict.COMPILE_ERROR, f"line {line}: only one leading `package` clause is allowed (the engine "
                                             "places every candidate in a package of its own)",
                      diagnostics=[Diagnostic(line, 1, "error", "package clause")])
    if _MACRO.search(code):
        return Result(Verdict.SANDBOX_VIOLATION, "sandbox violation: Scala macros run inside the compiler and are "
                                                 "not allowed in a hardware generator")
    return None


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
