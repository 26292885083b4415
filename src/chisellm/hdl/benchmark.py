"""`chisellm bench verify`: throughput of the engine on generated modules, against the reference workflow's
way (a fresh JVM running scalac, then another elaborating, per module) measured in the same run."""

from __future__ import annotations

import json
import os
import platform
import random
import shutil
import subprocess
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from chisellm.hdl.candidate import Candidate
from chisellm.hdl.engine import Engine, EngineOptions
from chisellm.hdl.firtool import run_firtool
from chisellm.hdl.simulator import SimLimits, simulate_vectors
from chisellm.hdl.toolchain import require_jvm_classpath, require_tool
from chisellm.hdl.vectors import Port, Vectors

_OPS = [("+", lambda x, y: x + y), ("-", lambda x, y: x - y), ("^", lambda x, y: x ^ y),
        ("&", lambda x, y: x & y), ("|", lambda x, y: x | y)]


@dataclass(frozen=True)
class BenchModule:
    candidate: Candidate
    name: str


def generated_modules(count: int, cycles: int, seed: int = 0) -> list[BenchModule]:
    """Small clocked modules: an accumulator updated by a random expression of two inputs, with a golden model
    and `cycles` cycles of vectors (reset in cycle 0)."""
    rng = random.Random(seed)
    modules = []
    for index in range(count):
        width = rng.randint(4, 16)
        mask = (1 << width) - 1
        terms = rng.sample(["io.a", "io.b", "acc", "(io.a ^ acc)", "(io.b & acc)"], 3)
        ops = [rng.choice(_OPS) for _ in range(2)]
        expr = f"({terms[0]} {ops[0][0]} {terms[1]}) {ops[1][0]} {terms[2]}"
        name = f"Accumulator{_letters(index)}"
        source = (f"import chisel3._\n\nclass {name} extends Module {{\n"
                  f"  val io = IO(new Bundle {{\n    val a = Input(UInt({width}.W))\n    val b = Input(UInt({width}.W))\n"
                  f"    val y = Output(UInt({width}.W))\n  }})\n  val acc = RegInit(0.U({width}.W))\n"
                  f"  acc := {expr}\n  io.y := acc\n}}\n")
        rows, acc = [], 0
        for cycle in range(cycles):
            a, b = rng.randrange(1 << width), rng.randrange(1 << width)
            reset = int(cycle == 0)
            rows.append(({"reset": reset, "io_a": a, "io_b": b}, {"io_y": None if cycle == 0 else acc}))
            env = {"io.a": a, "io.b": b, "acc": acc, "(io.a ^ acc)": a ^ acc, "(io.b & acc)": b & acc}
            nxt = ops[1][1](ops[0][1](env[terms[0]], env[terms[1]]) & mask, env[terms[2]]) & mask
            acc = 0 if reset else nxt
        vectors = Vectors.from_cycles([Port("reset", 1), Port("io_a", width), Port("io_b", width)],
                                      [Port("io_y", width)], rows)
        modules.append(BenchModule(Candidate(source, name, vectors), name))
    return modules


def _letters(n: int) -> str:
    """0 -> A, 25 -> Z, 26 -> BA: class names without numeric suffixes."""
    out = ""
    while True:
        out = chr(ord("A") + n % 26) + out
        n //= 26
        if n == 0:
            return out


def run_engine(modules: list[BenchModule], warm_modules: list[BenchModule] = ()) -> tuple[float, int, float]:
    """Seconds for the engine to verify `modules` from a cold start (JVM start included), how many passed, and
    then seconds for `warm_modules` on the same, now warm, engine."""
    with tempfile.TemporaryDirectory() as cache:
        t0 = time.perf_counter()
        with Engine(EngineOptions(cache_dir=Path(cache) / "none", batch_size=32)) as engine:
            engine.cache = None  # measure work, not cache hits
            results = engine.verify_many([m.candidate for m in modules])
            cold = time.perf_counter() - t0
            t1 = time.perf_counter()
            warm_results = engine.verify_many([m.candidate for m in warm_modules]) if warm_modules else []
            warm = time.perf_counter() - t1
        return cold, sum(r.ok for r in results) + sum(r.ok for r in warm_results), warm


def run_fresh_jvm(modules: list[BenchModule]) -> tuple[float, int]:
    """The reference workflow's way: per module, a fresh JVM runs scalac and another elaborates, then firtool
    and Icarus. Returns seconds and passes."""
    cp = require_jvm_classpath()
    java = str(require_tool("java"))
    jars = os.pathsep.join(str(j) for j in cp.jars)
    passed = 0
    t0 = time.perf_counter()
    for module in modules:
        work = Path(tempfile.mkdtemp(prefix="chisellm-baseline-"))
        try:
            (work / "classes").mkdir()
            main = (f"\nobject ElaborateMain extends App {{\n  print(circt.stage.ChiselStage.emitCHIRRTL(new {module.name}()))\n}}\n")
            (work / "Top.scala").write_text(module.candidate.source + main)
            subprocess.run([java, "-cp", jars, "scala.tools.nsc.Main", "-usejavacp", "-nowarn", f"-Xplugin:{cp.plugin}",
                            "-d", str(work / "classes"), str(work / "Top.scala")], check=True, capture_output=True)
            firrtl = subprocess.run([java, "-cp", f"{jars}{os.pathsep}{work / 'classes'}", "ElaborateMain"], check=True,
                                    capture_output=True, text=True).stdout
            lowered = run_firtool(firrtl, work, 60, 4096)
            sim = simulate_vectors(lowered.verilog, module.name, module.candidate.vectors, work, SimLimits(60, 4096))
            passed += bool(sim.passed)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return time.perf_counter() - t0, passed


@dataclass
class VerifyBenchReport:
    machine: str
    cores: int
    modules: int
    cycles: int
    engine_seconds: float
    engine_passed: int  # of all engine modules, cold and warm
    engine_modules_per_s: float
    warm_modules: int
    warm_seconds: float
    warm_modules_per_s: float
    baseline_modules: int
    baseline_seconds: float
    baseline_passed: int
    baseline_seconds_per_module: float
    engine_on_baseline_subset_s: float
    speedup: float
    speedup_warm: float


def bench_verify(modules: int = 500, cycles: int = 1000, baseline: int = 5, out: Path | None = None) -> VerifyBenchReport:
    """Run both and return (and optionally write) the report."""
    mods = generated_modules(modules, cycles)
    warm_count = max(1, modules // 2)
    engine_s, engine_ok, warm_s = run_engine(mods, generated_modules(warm_count, cycles, seed=2))
    subset = generated_modules(baseline, cycles, seed=1)
    base_s, base_ok = run_fresh_jvm(subset)
    # The same subset through the engine, cold start included, for a like-for-like ratio on few modules too.
    subset_s, _, _ = run_engine(subset)
    per_module_engine = engine_s / modules
    report = VerifyBenchReport(
        machine=f"{platform.node()} ({platform.processor() or platform.machine()})", cores=os.cpu_count() or 0,
        modules=modules, cycles=cycles, engine_seconds=round(engine_s, 2), engine_passed=engine_ok,
        engine_modules_per_s=round(modules / engine_s, 2), warm_modules=warm_count, warm_seconds=round(warm_s, 2),
        warm_modules_per_s=round(warm_count / warm_s, 2), baseline_modules=baseline, baseline_seconds=round(base_s, 2),
        baseline_passed=base_ok, baseline_seconds_per_module=round(base_s / baseline, 2),
        engine_on_baseline_subset_s=round(subset_s, 2), speedup=round((base_s / baseline) / per_module_engine, 1),
        speedup_warm=round((base_s / baseline) / (warm_s / warm_count), 1))
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(asdict(report), indent=2) + "\n")
    return report


# Hostile generators for the mixed batch: a runaway loop, a memory bomb, a compile error (one third each).
_HOSTILE = [
    "import chisel3._\nclass {name} extends Module {{\n  val io = IO(new Bundle {{ val y = Output(UInt(8.W)) }})\n"
    "  var i = 0L\n  while (true) i += 1\n  io.y := 0.U\n}}\n",
    "import chisel3._\nclass {name} extends Module {{\n  val io = IO(new Bundle {{ val y = Output(UInt(8.W)) }})\n"
    "  val keep = scala.collection.mutable.ArrayBuffer[Array[Long]]()\n  while (true) keep += new Array[Long](1 << 20)\n"
    "  io.y := 0.U\n}}\n",
    "import chisel3._\nclass {name} extends Module {{\n  val io = IO(new Bundle {{ val y = Output(UInt(8.W)) }})\n"
    "  io.y := undefinedSignal\n}}\n",
]


@dataclass
class HostileBenchReport:
    machine: str
    cores: int
    good_only: int
    good_only_seconds: float
    mixed_good: int
    mixed_hostile: int
    mixed_seconds: float
    ratio: float            # mixed / good-only
    target_ratio: float
    good_passed_in_mix: int
    hostile_verdicts: dict[str, int]


def hostile_modules(count: int) -> list[Candidate]:
    return [Candidate(_HOSTILE[i % 3].format(name=f"Hostile{_letters(i)}"), f"Hostile{_letters(i)}") for i in range(count)]


def bench_hostile(good: int = 200, hostile: int = 100, cycles: int = 1000, out: Path | None = None) -> HostileBenchReport:
    """`good + hostile` modules (the hostile spread through the batch) against `good + hostile` good ones, each on
    a fresh engine with the cache off, in the same run."""
    all_good = [m.candidate for m in generated_modules(good + hostile, cycles, seed=3)]
    t0 = time.perf_counter()
    with Engine(EngineOptions(cache_dir=None)) as engine:
        engine.verify_many(all_good)
    good_s = time.perf_counter() - t0
    goods = [m.candidate for m in generated_modules(good, cycles, seed=4)]
    bad = hostile_modules(hostile)
    step = max(1, (good + hostile) // max(1, hostile))
    mixed, g, b = [], iter(goods), iter(bad)
    for index in range(good + hostile):
        nxt = next(b, None) if index % step == step - 1 else None
        mixed.append(nxt or next(g, None) or next(b))
    t0 = time.perf_counter()
    with Engine(EngineOptions(cache_dir=None)) as engine:
        results = engine.verify_many(mixed)
    mixed_s = time.perf_counter() - t0
    verdicts: dict[str, int] = {}
    good_ok = 0
    for cand, res in zip(mixed, results):
        if cand.top.startswith("Hostile"):
            verdicts[res.verdict.value] = verdicts.get(res.verdict.value, 0) + 1
        else:
            good_ok += res.ok
    report = HostileBenchReport(
        machine=f"{platform.node()} ({platform.processor() or platform.machine()})", cores=os.cpu_count() or 0,
        good_only=good + hostile, good_only_seconds=round(good_s, 2), mixed_good=good, mixed_hostile=hostile,
        mixed_seconds=round(mixed_s, 2), ratio=round(mixed_s / good_s, 2), target_ratio=3.0,
        good_passed_in_mix=good_ok, hostile_verdicts=verdicts)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(asdict(report), indent=2) + "\n")
    return report
