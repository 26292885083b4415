"""Validate a suite's answer key: every reference must pass its testbench and every wrong answer must fail.

All answers go to the engine in one batch (`grade_answers`), so a whole suite is graded in one warm JVM.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from chisellm.eval.grade import Answer, GradedAnswer, grade_answers
from chisellm.eval.tasks import EvalTask

if TYPE_CHECKING:
    from chisellm.hdl.engine import Engine

REF, WRONG = 0, 1  # sample numbers of the two answers per task


@dataclass(frozen=True)
class ProblemCheck:
    """What the answer key of one problem did."""

    task_id: str
    ref: GradedAnswer | None  # None: the problem has no reference
    wrong: GradedAnswer | None  # None: the problem has no wrong answer

    @property
    def validated(self) -> bool:
        """The reference passes and the wrong answer fails."""
        return self.ref is not None and self.ref.passed and self.wrong is not None and not self.wrong.passed

    @property
    def problem(self) -> str:
        """Empty when validated or without any answer key, else what is wrong."""
        if self.ref is None and self.wrong is None:
            return ""
        if self.ref is None or self.wrong is None:
            return "no reference" if self.ref is None else "no wrong answer"
        if not self.ref.passed:
            return f"reference failed: {self.ref.verdict}: {self.ref.message[:300]}"
        if self.wrong.passed:
            return "wrong answer passed"
        return ""


@dataclass
class SuiteCheck:
    """The checks of every problem and how long grading took."""

    problems: list[ProblemCheck] = field(default_factory=list)
    seconds: float = 0.0
    answers: int = 0

    @property
    def validated(self) -> list[ProblemCheck]:
        return [p for p in self.problems if p.validated]

    @property
    def failures(self) -> list[ProblemCheck]:
        return [p for p in self.problems if p.problem]

    @property
    def ok(self) -> bool:
        return not self.failures


def check_answer_key(tasks: list[EvalTask], wrong: dict[str, str], engine: Engine | None = None) -> SuiteCheck:
    """Grade every task's reference (sample 0) and wrong answer (sample 1) in one engine batch.

    Args:
        tasks: The suite's tasks, references in `reference_code`.
        wrong: Task id -> wrong answer.
        engine: The engine to grade with; None uses the process-wide one (with its result cache).
    """
    by_id = {t.id: t for t in tasks}
    answers = [Answer(t.id, REF, _fenced(t.reference_code)) for t in tasks if t.reference_code]
    answers += [Answer(t.id, WRONG, _fenced(wrong[t.id])) for t in tasks if t.id in wrong]
    began = time.perf_counter()
    graded = {g.key: g for g in grade_answers(by_id, answers, engine=engine)} if answers else {}
    seconds = time.perf_counter() - began
    problems = [ProblemCheck(t.id, graded.get((t.id, REF, 1)), graded.get((t.id, WRONG, 1))) for t in tasks]
    return SuiteCheck(problems, seconds, len(answers))


def _fenced(code: str) -> str:
    return f"```scala\n{code}\n```"
