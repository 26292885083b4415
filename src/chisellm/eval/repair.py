"""The repair loop: generate -> verify -> feed the engine's diagnostic back as the next chat turn -> regrade.

One function, `repair_loop`, serves `chisellm eval --rounds N` (many tasks, batched, resumable),
`chisellm agent` (one design) and the server's `/v1/agent` stream. It yields a small typed step stream:

  Generated  a model answer for (task, sample) in round r
  Verified   the engine's grade of that answer (and its Verilog / VCD when the engine returned them)
  Feedback   the user turn sent back after a failed answer that gets another round
  Final      the end of an answer chain: it passed, or it used its last round

Rounds run one after another (round r + 1 needs round r's diagnostics); inside a round the next chunk is
generated while the previous one is graded.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import Any, Union

from chisellm.eval.backends.base import Conversation, GenerationBackend, first_turn
from chisellm.eval.extract import extract_chisel
from chisellm.eval.feedback import render_feedback
from chisellm.eval.grade import Answer, GradedAnswer, verify_answers
from chisellm.eval.tasks import EvalTask
from chisellm.hdl import Result

ChainKey = tuple[str, int]  # (task id, sample)
Graded = tuple[GradedAnswer, Union[Result, None]]
Grader = Callable[[list[Answer]], "Future[list[Graded]]"]

# The engine's sandboxed JVM dies with the *thread* that started it (bwrap --die-with-parent sets a per-thread
# parent-death signal), so grading always runs on this one thread, which lives as long as the process.
GRADER_THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chisellm-grader")


@dataclass(frozen=True)
class Generated:
    """A model answer."""

    task_id: str
    sample: int
    round: int
    completion: str
    type: str = "generated"


@dataclass(frozen=True)
class Verified:
    """The engine's verdict on an answer; `verilog` and `vcd` when the engine produced them."""

    graded: GradedAnswer
    verilog: str | None = None
    vcd: str | None = None
    type: str = "verified"

    @property
    def task_id(self) -> str:
        return self.graded.task_id


@dataclass(frozen=True)
class Feedback:
    """The diagnostic of a failed answer in `round`, sent as the user turn that opens round + 1."""

    task_id: str
    sample: int
    round: int
    text: str
    type: str = "feedback"


@dataclass(frozen=True)
class Final:
    """The end of one answer chain: the last answer's code, grade and Verilog."""

    task_id: str
    sample: int
    rounds: int  # rounds used
    passed: bool
    verdict: str
    code: str
    verilog: str | None = None
    type: str = "final"


Step = Union[Generated, Verified, Feedback, Final]


def step_json(step: Step) -> dict[str, Any]:
    """A step as a JSON object (`type` says which kind)."""
    return asdict(step)


@dataclass(frozen=True)
class RepairSettings:
    """How the loop runs.

    Args:
        rounds: Answers per chain at most (1 = no repair).
        samples: Independent answer chains per task (n of pass@k).
        chunk: Conversations per backend call (the next chunk generates while the previous one is graded).
        system_prompt: Optional system message opening every conversation.
    """

    rounds: int = 1
    samples: int = 1
    chunk: int = 8
    system_prompt: str = ""

    def __post_init__(self) -> None:
        if self.rounds < 1 or self.samples < 1 or self.chunk < 1:
            raise ValueError("rounds, samples and chunk must be >= 1")


@dataclass
class Throughput:
    """Wall time and counts of the two halves of a run (only what this invocation did, not resumed rows)."""

    generated: int = 0
    generation_s: float = 0.0
    graded: int = 0
    grading_s: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {"generated": self.generated, "generation_s": round(self.generation_s, 2),
                "generated_per_s": round(self.generated / self.generation_s, 2) if self.generation_s else None,
                "graded": self.graded, "grading_s": round(self.grading_s, 2),
                "graded_per_s": round(self.graded / self.grading_s, 2) if self.grading_s else None}


@dataclass
class Prior:
    """What an interrupted run already holds: completions and grades by (task, sample, round)."""

    completions: dict[tuple[str, int, int], Answer] = field(default_factory=dict)
    graded: dict[tuple[str, int, int], GradedAnswer] = field(default_factory=dict)


def engine_grader(tasks: Iterable[EvalTask], throughput: Throughput | None = None) -> Grader:
    """A grader that verifies answers with the process-wide engine on the grading thread."""
    by_id = {t.id: t for t in tasks}

    def grade(answers: list[Answer]) -> list[Graded]:
        began = time.perf_counter()
        out = verify_answers(by_id, answers)
        if throughput is not None:
            throughput.grading_s += time.perf_counter() - began
            throughput.graded += len(out)
        return out

    return lambda answers: GRADER_THREAD.submit(grade, answers)


def repair_loop(backend: GenerationBackend, tasks: list[EvalTask], settings: RepairSettings,
                grader: Grader | None = None, prior: Prior | None = None,
                throughput: Throughput | None = None) -> Iterator[Step]:
    """Answer every task, then repair each failed answer chain with the engine's feedback, round by round.

    Args:
        backend: Continues conversations (`chat`).
        tasks: The tasks to answer.
        settings: Rounds, samples per task, chunk size and system prompt.
        grader: Verifies a list of answers asynchronously; default: the process-wide engine.
        prior: Completions and grades of an interrupted run: graded ones are not redone (and yield no steps),
            generated-but-ungraded ones are graded without asking the backend again.
        throughput: Updated with generation (and, with the default grader, grading) time and counts.

    Yields:
        The steps of every chain, in the order they happen.
    """
    grader = grader or engine_grader(tasks, throughput)
    prior = prior or Prior()
    by_id = {t.id: t for t in tasks}
    chains: dict[ChainKey, Conversation] = {(t.id, s): first_turn(t, settings.system_prompt, s)
                                            for t in tasks for s in range(settings.samples)}
    for round_ in range(1, settings.rounds + 1):
        if not chains:
            return
        last = round_ == settings.rounds
        done = {key: prior.graded[(*key, round_)] for key in chains if (*key, round_) in prior.graded}
        for key, graded in done.items():  # replayed from the interrupted run: no steps, only the chain's state
            if graded.passed or last:
                del chains[key]
            else:
                chains[key] = chains[key].reply(graded.completion, render_feedback(by_id[key[0]], graded))
        saved = [prior.completions[(*key, round_)] for key in chains
                 if key not in done and (*key, round_) in prior.completions]
        todo = [key for key in chains if key not in done and (*key, round_) not in prior.completions]
        pending: deque[tuple[Future, bool]] = deque()
        if saved:
            pending.append((grader(saved), last))
        for answers, generated in _generate(backend, chains, todo, round_, settings, throughput):
            yield from generated
            pending.append((grader(answers), last))
            while pending and pending[0][0].done():
                yield from _finish(pending.popleft(), chains, by_id)
        while pending:
            yield from _finish(pending.popleft(), chains, by_id)


def _generate(backend: GenerationBackend, chains: dict[ChainKey, Conversation], todo: list[ChainKey], round_: int,
              settings: RepairSettings, throughput: Throughput | None) -> Iterator[tuple[list[Answer], list[Generated]]]:
    """Ask the backend for the answers of `todo`, a chunk at a time. Round 1 asks once per task for all its
    samples (one prompt, n completions); later rounds continue each chain's own conversation."""
    if round_ == 1:
        by_task: dict[str, list[int]] = {}
        for task_id, sample in todo:
            by_task.setdefault(task_id, []).append(sample)
        requests = [(chains[(task_id, samples[0])], samples) for task_id, samples in by_task.items()]
        n = settings.samples
    else:
        requests = [(chains[key], [key[1]]) for key in todo]
        n = 1
    for start in range(0, len(requests), settings.chunk):
        batch = requests[start:start + settings.chunk]
        began = time.perf_counter()
        outputs = backend.chat([conversation for conversation, _ in batch], n)
        answers = []
        for (conversation, samples), completions in zip(batch, outputs):
            for sample in samples:
                answers.append(Answer(conversation.task.id, sample, completions[sample if n > 1 else 0], round_))
        if throughput is not None:
            throughput.generation_s += time.perf_counter() - began
            throughput.generated += len(answers)
        yield answers, [Generated(a.task_id, a.sample, a.round, a.completion) for a in answers]


def _finish(item: tuple[Future, bool], chains: dict[ChainKey, Conversation], by_id: dict[str, EvalTask]) -> Iterator[Step]:
    future, last = item
    for graded, result in future.result():
        yield Verified(graded, result.verilog if result else None, getattr(result, "vcd", None) if result else None)
        key = (graded.task_id, graded.sample)
        task = by_id[graded.task_id]
        if graded.passed or last:
            del chains[key]
            code = extract_chisel(graded.completion, task.module_name, allow_other_top=False).code
            yield Final(graded.task_id, graded.sample, graded.round, graded.passed, graded.verdict, code,
                        result.verilog if result else None)
        else:
            text = render_feedback(task, graded)
            chains[key] = chains[key].reply(graded.completion, text)
            yield Feedback(graded.task_id, graded.sample, graded.round, text)
