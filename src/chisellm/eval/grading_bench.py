"""Grading throughput: how many model answers per second the eval grades (extraction + compile + elaborate +
firtool + simulation against vectors), on small modules, with the result cache off so every answer is real work.

The answers are a mix a model produces: correct modules, behaviour mutants (simulation mismatch), compile
errors, and prose without code. Every module is distinct (own class name and constants), so nothing is shared.
"""

from __future__ import annotations

import os
import platform
import random
import resource
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chisellm.eval.grade import Answer, grade_answers
from chisellm.eval.tasks import EvalTask, Requirements
from chisellm.hdl import Port, Vectors

_COMB = """import chisel3._

class AddConst{i} extends Module {{
  val io = IO(new Bundle {{
    val a = Input(UInt(8.W))
    val y = Output(UInt(9.W))
  }})
  io.y := io.a +& {c}.U
}}
"""

_SEQ = """import chisel3._

class Accum{i} extends Module {{
  val io = IO(new Bundle {{
    val en = Input(Bool())
    val acc = Output(UInt(8.W))
  }})
  val total = RegInit(0.U(8.W))
  when(io.en) {{ total := total + {c}.U }}
  io.acc := total
}}
"""


@dataclass
class GradingBenchResult:
    """Timings of one bench run."""

    answers: int
    warmup_s: float  # engine start (JVM) plus the warm-up batch
    seconds: float  # the timed batch
    verdicts: dict[str, int]
    examples: dict[str, str]  # the first message of each failing verdict, to spot infrastructure errors
    as_intended: int  # answers that got the verdict the bench built them for (a check that the work was real)
    cpu_seconds: float  # CPU time the timed batch used, all processes of the engine together
    load_before: float  # 1-minute load average when the run started: other work on the machine skews the figure

    @property
    def per_second(self) -> float:
        return self.answers / self.seconds if self.seconds else 0.0

    @property
    def cpu_seconds_per_answer(self) -> float:
        return self.cpu_seconds / self.answers if self.answers else 0.0

    def idle_machine_estimate(self, cores: int) -> float:
        """Answers/s these `cores` would grade if the engine had them to itself: an upper bound from CPU time."""
        return cores / self.cpu_seconds_per_answer if self.cpu_seconds else 0.0

    def to_json(self) -> dict[str, Any]:
        cores = os.cpu_count() or 1
        return {"answers": self.answers, "seconds": round(self.seconds, 2), "graded_per_s": round(self.per_second, 2),
                "cpu_seconds": round(self.cpu_seconds, 2), "cpu_seconds_per_answer": round(self.cpu_seconds_per_answer, 3),
                "idle_machine_graded_per_s_upper_bound": round(self.idle_machine_estimate(cores), 2),
                "warmup_s": round(self.warmup_s, 2), "verdicts": self.verdicts,
                "as_intended": self.as_intended, "examples": self.examples,
                "machine": {"platform": platform.platform(), "cpus": os.cpu_count(), "processor": platform.processor(),
                            "load_average_1m_start": round(self.load_before, 2),
                            "load_average_1m_end": round(os.getloadavg()[0], 2)}}


def bench_tasks_and_answers(count: int, seed: int = 0,
                            first_index: int = 0) -> tuple[list[EvalTask], list[Answer], list[str]]:
    """`count` distinct small tasks with one answer each (~70% correct, 15% behaviour mutants, 10% compile errors,
    5% prose), and the verdict each answer must get."""
    rng = random.Random(seed)
    tasks, answers, intended = [], [], []
    for i in range(first_index, first_index + count):
        const = rng.randrange(1, 200)
        sequential = i % 2 == 1
        code = (_SEQ if sequential else _COMB).format(i=i, c=const)
        name = f"Accum{i}" if sequential else f"AddConst{i}"
        vectors = _accum_vectors(const, rng) if sequential else _add_vectors(const, rng)
        tasks.append(EvalTask(id=f"bench{i}", level="L3" if sequential else "L2", category="bench",
                              instruction=f"Write `{name}`.", input="", module_name=name, reference_code=code,
                              requires=Requirements(simulate=True), vectors=vectors, task="spec2chisel"))
        roll = rng.random()
        verdict = "ok"
        if roll < 0.15:
            code, verdict = code.replace(f"{const}.U", f"{const + 1}.U"), "sim_mismatch"
        elif roll < 0.25:
            code, verdict = code.replace(":=", "=", 1), "compile_error"
        elif roll > 0.95:
            verdict = "extraction_failed"
        answer = "Sorry, I cannot write that." if verdict == "extraction_failed" else f"Here it is:\n```scala\n{code}```\nDone."
        answers.append(Answer(f"bench{i}", 0, answer))
        intended.append(verdict)
    return tasks, answers, intended


def _add_vectors(const: int, rng: random.Random) -> Vectors:
    values = [rng.randrange(256) for _ in range(32)]
    rows = [({"reset": 0, "io_a": a}, {"io_y": a + const}) for a in values]
    return Vectors.from_cycles([Port("reset", 1), Port("io_a", 8)], [Port("io_y", 9)], rows, clocked=False)


def _accum_vectors(const: int, rng: random.Random) -> Vectors:
    rows, total = [], None
    for cycle in range(32):
        reset, en = int(cycle == 0), int(rng.random() < 0.7)
        rows.append(({"reset": reset, "io_en": en}, {"io_acc": total}))
        total = 0 if reset else (None if total is None else (total + const * en) % 256)
    return Vectors.from_cycles([Port("reset", 1), Port("io_en", 1)], [Port("io_acc", 8)], rows)


FAILS = "fails"  # the verdict intended for a suite's wrong answer: anything that does not pass


def suite_tasks_and_answers(suite: str, suite_path: str | None = None) -> tuple[list[EvalTask], list[Answer], list[str]]:
    """A suite's tasks with two answers each, where the answer key has them: the reference (sample 0, must
    pass) and the wrong answer (sample 1, must fail)."""
    from chisellm.eval.suites import suite_module

    module = suite_module(suite)
    path = Path(suite_path) if suite_path else None
    tasks = module.load(path)
    wrong = module.wrong_answers(path)
    answers = [Answer(t.id, 0, f"```scala\n{t.reference_code}\n```") for t in tasks if t.reference_code]
    answers += [Answer(t.id, 1, f"```scala\n{wrong[t.id]}\n```") for t in tasks if t.id in wrong]
    return tasks, answers, ["ok" if a.sample == 0 else FAILS for a in answers]


def run_grading_bench(answers: int = 96, warmup: int = 16, seed: int = 0, suite: str = "",
                      suite_path: str | None = None) -> GradingBenchResult:
    """Start a cache-less engine, grade `warmup` answers (JVM start, JIT), then time `answers` more; with `suite`,
    time every reference and wrong answer of that suite in one batch instead (`answers` is ignored)."""
    from chisellm.hdl.engine import Engine, EngineOptions

    if suite:
        tasks, timed_answers, intended = suite_tasks_and_answers(suite, suite_path)
        warm_tasks, warm_answers = tasks, timed_answers[:warmup]
    else:
        warm_tasks, warm_answers, _ = bench_tasks_and_answers(warmup, seed=seed + 1, first_index=100_000)
        tasks, timed_answers, intended = bench_tasks_and_answers(answers, seed=seed)
    load_before = os.getloadavg()[0]
    began = time.perf_counter()
    with Engine(EngineOptions(cache_dir=None)) as engine:
        grade_answers({t.id: t for t in warm_tasks}, warm_answers, engine=engine)
        warmup_s = time.perf_counter() - began
        began, cpu_began = time.perf_counter(), process_tree_cpu_seconds()
        graded = grade_answers({t.id: t for t in tasks}, timed_answers, engine=engine)
        seconds, cpu_seconds = time.perf_counter() - began, process_tree_cpu_seconds() - cpu_began
    examples: dict[str, str] = {}
    as_intended = sum(g.verdict == want or (want == FAILS and not g.passed) for g, want in zip(graded, intended))
    for g in graded:
        if g.verdict != "ok":
            examples.setdefault(g.verdict, g.message[:300])
    return GradingBenchResult(answers=len(graded), warmup_s=warmup_s, seconds=seconds,
                              verdicts=dict(Counter(g.verdict for g in graded).most_common()), examples=examples,
                              load_before=load_before, as_intended=as_intended, cpu_seconds=cpu_seconds)


def process_tree_cpu_seconds() -> float:
    """CPU time (user + system) of this process, its live descendants (the JVM) and its finished children
    (firtool, iverilog, vvp). Unlike wall time it does not grow when other work shares the cores."""
    ticks = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = open(f"/proc/{entry}/stat", encoding="utf-8").read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended while we looked
        parents[int(entry)] = int(fields[1])
        cpu[int(entry)] = (int(fields[11]) + int(fields[12])) / ticks
    mine, frontier = {os.getpid()}, [os.getpid()]
    while frontier:
        pid = frontier.pop()
        children = [child for child, parent in parents.items() if parent == pid and child not in mine]
        mine.update(children)
        frontier.extend(children)
    finished = resource.getrusage(resource.RUSAGE_CHILDREN)
    return sum(cpu.get(pid, 0.0) for pid in mine) + finished.ru_utime + finished.ru_stime
