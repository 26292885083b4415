"""Grade answers: extract the Chisel, verify it through the engine's batch API, decide pass/fail per task.

A task passes when the answer gets through every stage its row requires (compile, elaborate, simulate against
the row's vectors or VerilogEval bench). Extraction failures never reach the compiler: they get their own
verdict, `extraction_failed`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from chisellm.eval.extract import Extraction, extract_chisel
from chisellm.eval.tasks import EvalTask
from chisellm.hdl import Candidate, Result, Verdict

if TYPE_CHECKING:
    from chisellm.hdl.engine import Engine

EXTRACTION_FAILED = "extraction_failed"
_ELABORATED = {Verdict.OK, Verdict.SIM_MISMATCH}
_COMPILED = _ELABORATED | {Verdict.ELABORATION_ERROR, Verdict.FIRTOOL_ERROR}
_MAX_DIAGNOSTICS = 5
# Verdicts that fail an answer even where the task asks only for compilation: the answer is not honest Chisel.
_REFUSED = (Verdict.SANDBOX_VIOLATION, Verdict.INTEGRITY_VIOLATION, Verdict.BLACKBOX_REFUSED)


@dataclass(frozen=True)
class Answer:
    """One answer to one task: the `sample`-th answer chain's completion for `task_id` in repair round `round`."""

    task_id: str
    sample: int
    completion: str
    round: int = 1

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.task_id, self.sample, self.round)


@dataclass
class GradedAnswer:
    """What grading found out about one answer; one row of results.jsonl."""

    task_id: str
    sample: int
    verdict: str  # a `Verdict` value or `extraction_failed`
    passed: bool
    compiled: bool
    elaborated: bool
    message: str = ""
    top: str = ""
    diagnostics: list[dict[str, Any]] = field(default_factory=list)
    mismatch: dict[str, Any] | None = None
    mismatches: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    completion: str = ""
    round: int = 1  # repair round the answer was given in (1 = the first answer)

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.task_id, self.sample, self.round)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, row: dict[str, Any]) -> GradedAnswer:
        return cls(**{name: row[name] for name in cls.__dataclass_fields__ if name in row})


def extract_answer(task: EvalTask, answer: Answer) -> Extraction:
    """The code of `answer` for `task`: it must define the class the task names (`TopModule` for VerilogEval)."""
    return extract_chisel(answer.completion, task.module_name, allow_other_top=False)


def candidate_for(task: EvalTask, extraction: Extraction) -> Candidate:
    """The engine request for an extracted answer: vectors or bench when the row simulates."""
    return Candidate(source=extraction.code, top=extraction.top, vectors=task.vectors if task.requires.simulate else None,
                     top_args=task.top_args, bench=task.bench, allow_blackbox=task.allow_blackbox)


def graded_from_result(task: EvalTask, answer: Answer, extraction: Extraction, result: Result | None) -> GradedAnswer:
    """Combine extraction and engine result into a graded answer (result is None when extraction failed)."""
    if result is None:
        return GradedAnswer(answer.task_id, answer.sample, EXTRACTION_FAILED, passed=False, compiled=False,
                            elaborated=False, message=extraction.error or "", completion=answer.completion,
                            round=answer.round)
    verdict = result.verdict
    # Timeouts and limits can hit any stage: the timings say how far the answer got.
    compiled = verdict in _COMPILED or (verdict not in _COMPILED | {Verdict.COMPILE_ERROR} and "elaborate" in result.timings)
    elaborated = verdict in _ELABORATED or (verdict not in _COMPILED | {Verdict.COMPILE_ERROR} and "simulate" in result.timings)
    requires = task.requires
    passed = verdict is Verdict.OK or (
        not requires.simulate and (compiled or not requires.compile) and (elaborated or not requires.elaborate)
        and verdict not in _REFUSED)
    return GradedAnswer(
        task_id=answer.task_id, sample=answer.sample, verdict=verdict.value, passed=passed, compiled=compiled,
        elaborated=elaborated, message=result.message, top=extraction.top,
        diagnostics=[vars(d) for d in result.diagnostics[:_MAX_DIAGNOSTICS]],
        mismatch=vars(result.mismatch) if result.mismatch else None, mismatches=result.mismatches,
        timings={name: round(seconds, 4) for name, seconds in result.timings.items()}, completion=answer.completion,
        round=answer.round)


def grade_answers(tasks: dict[str, EvalTask], answers: Sequence[Answer],
                  progress: Callable[[int, int], None] | None = None, engine: Engine | None = None) -> list[GradedAnswer]:
    """Grade answers in one engine batch; the output is in the order of `answers` (see `verify_answers`)."""
    return [graded for graded, _ in verify_answers(tasks, answers, progress, engine)]


def verify_answers(tasks: dict[str, EvalTask], answers: Sequence[Answer],
                   progress: Callable[[int, int], None] | None = None,
                   engine: Engine | None = None) -> list[tuple[GradedAnswer, Result | None]]:
    """Grade answers in one engine batch, keeping the engine's result (Verilog, VCD) next to each grade.

    Args:
        tasks: Every task by id; each answer's `task_id` must be in it.
        answers: Answers to grade.
        progress: Called with (done, total) as the engine finishes candidates.
        engine: The engine to use; None uses the process-wide one (warm JVM, result cache).
    """
    from chisellm.hdl.engine import default_engine  # the JVM client: imported only when grading runs

    extractions = [extract_answer(tasks[a.task_id], a) for a in answers]
    to_verify = [i for i, e in enumerate(extractions) if e.ok]
    candidates = [candidate_for(tasks[answers[i].task_id], extractions[i]) for i in to_verify]
    results = (engine or default_engine()).verify_many(candidates, progress) if candidates else []
    by_index: dict[int, Result] = dict(zip(to_verify, results))
    return [(graded_from_result(tasks[a.task_id], a, e, by_index.get(i)), by_index.get(i))
            for i, (a, e) in enumerate(zip(answers, extractions))]
