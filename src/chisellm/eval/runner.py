"""One eval run, top to bottom: load tasks, resume, generate in batches, grade each batch while the next one is
generated, write every answer as it finishes, then summarize and write the reports."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chisellm.config.eval import EvalConfig
from chisellm.config.eval_summary import EvalSummary
from chisellm.eval.answers_file import read_answers
from chisellm.eval.grade import Answer, grade_answers
from chisellm.eval.metrics import summarize
from chisellm.eval.report import write_reports
from chisellm.eval.store import ResultStore, eval_set_digest
from chisellm.eval.tasks import EvalTask, load_eval_set
from chisellm.utils.errors import ChiselLLMError

GRADE_CHUNK = 64  # answers per engine batch when grading an answers file
VLLM_CHUNK = 256  # prompts handed to vLLM at once: it batches internally; results are saved after each chunk


# Grading runs on one background thread so the next batch generates meanwhile; one thread because the engine
# drives one compile server and serializes batches anyway (the sandbox keeps its JVMs alive on its own).
_GRADER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chisellm-grader")


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
class EvalOutcome:
    """What a run produced: the summary and where the reports are."""

    summary: EvalSummary | None  # None when answers were only generated (verify: false)
    out_dir: Path
    reports: dict[str, Path] = field(default_factory=dict)
    resumed: bool = False


def run_identity(config: EvalConfig, tasks: list[EvalTask]) -> dict[str, Any]:
    """What must match for a resume: the answer source, the eval set and the sampling settings."""
    from chisellm.eval.backends.registry import backend_identity

    source = config.source
    label = backend_identity(config)
    gen = config.generation
    return {"source": source, "model": label, "eval_set": config.eval_set, "eval_set_digest": eval_set_digest(tasks),
            "samples": 1 if source in ("oracle", "answers") else gen.samples, "temperature": gen.temperature,
            "top_p": gen.top_p, "max_new_tokens": gen.max_new_tokens, "system_prompt": gen.system_prompt,
            "seed": gen.seed, **({"quantization": config.quantization} if config.quantization != "none" else {})}


def run_eval(config: EvalConfig, log: Callable[[str], None] = print) -> EvalOutcome:
    """Run (or resume) the evaluation `config` describes and write summary.json, report.md and report.html.

    Raises:
        ChiselLLMError: for a bad eval set, answers file, model, or an --out folder holding another run.
    """
    tasks = load_eval_set(config.eval_set)
    if config.levels:
        tasks = [t for t in tasks if any(level in t.level for level in config.levels)]
    if config.limit:
        tasks = tasks[:config.limit]
    if config.oracle:
        missing = [t.id for t in tasks if not t.reference_code]
        if missing:
            log(f"oracle: {len(missing)} task(s) have no reference code and are skipped (e.g. {missing[0]})")
        tasks = [t for t in tasks if t.reference_code]
    if not tasks:
        raise ChiselLLMError(f"{config.eval_set}: no tasks to evaluate", hint="check the eval set (and --limit, --levels)")
    by_id = {t.id: t for t in tasks}
    identity = run_identity(config, tasks)
    too_big = [k for k in config.k if k > identity["samples"]]
    if too_big and config.source != "answers":
        log(f"pass@{','.join(map(str, too_big))} needs more than {identity['samples']} sample(s) per task: "
            "it will be reported as `-` (raise -n)")
    answers = read_answers(config.answers, tasks) if config.source == "answers" else []
    if config.source in ("transformers", "vllm"):
        from chisellm.config.model_source import resolve_model_source
        from chisellm.utils.extras import require_extra

        require_extra("train", f"eval --{'adapter' if config.adapter else 'model'}")
        resolve_model_source(config.adapter or config.model, config.base or None)  # a wrong path fails before the run folder is made
    store = ResultStore(config.out)
    resumed = store.open(identity)
    store.drop_partial_tails()
    graded_keys = set(store.graded())
    if resumed:
        log(f"resuming {config.out}: {len(graded_keys)} answer(s) already graded")
    throughput = Throughput()
    pending: list[Future] = []  # grading batches run on _GRADER while the next batch generates

    def submit(answers: list[Answer]) -> None:
        todo = [a for a in answers if a.key not in graded_keys]
        if todo and config.verify:
            pending.append(_GRADER.submit(_grade_and_store, store, by_id, todo, throughput, log))

    try:
        if config.source == "answers":
            for start in range(0, len(answers), GRADE_CHUNK):
                submit(answers[start:start + GRADE_CHUNK])
        else:
            _generate(config, tasks, store, submit, throughput, pending, log)
    except BaseException:
        for future in pending:
            future.cancel()  # on an error or Ctrl-C, batches not started yet are dropped (they resume next time)
        raise
    for future in pending:
        future.result()  # waits for the rest; re-raises a grading failure
    if not config.verify:
        log(f"generated {len(store.completions())} answer(s) into {store.completions_file}; not verified (verify: false)")
        return EvalOutcome(summary=None, out_dir=Path(config.out), resumed=resumed)
    graded = [g for g in store.graded().values() if g.task_id in by_id]
    run = {**identity, "throughput": throughput.to_json(), "finished": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    summary = summarize(tasks, graded, sorted(set(config.k)), run)
    reports = write_reports(summary, Path(config.out))
    return EvalOutcome(summary=summary, out_dir=Path(config.out), reports=reports, resumed=resumed)


def _generate(config: EvalConfig, tasks: list[EvalTask], store: ResultStore, submit: Callable[[list[Answer]], None],
              throughput: Throughput, pending: list[Future], log: Callable[[str], None]) -> None:
    """Generate the answers not yet in completions.jsonl, batch by batch, handing each batch to the grader."""
    from chisellm.eval.backends import make_backend

    n = 1 if config.source == "oracle" else config.generation.samples
    existing = store.completions()
    submit([a for a in existing.values() if a.task_id in {t.id for t in tasks}])  # generated before an interruption
    todo = [t for t in tasks if any((t.id, s) not in existing for s in range(n))]
    if not todo:
        return
    backend = make_backend(config)
    chunk = {"api": max(config.generation.batch_size, config.api.concurrency), "oracle": GRADE_CHUNK,
             "vllm": max(config.generation.batch_size, VLLM_CHUNK)}.get(config.source, config.generation.batch_size)
    from chisellm.utils.table import progress

    with progress(f"generated with {backend.name}: tasks", len(todo), log) as update:
        for start in range(0, len(todo), chunk):
            batch = todo[start:start + chunk]
            began = time.perf_counter()
            outputs = backend.generate(batch, n)
            throughput.generation_s += time.perf_counter() - began
            fresh = [Answer(t.id, s, outputs[i][s]) for i, t in enumerate(batch) for s in range(n)
                     if (t.id, s) not in existing]
            for answer in fresh:
                store.add_completion(answer)
            throughput.generated += len(fresh)
            update(min(start + chunk, len(todo)))
            for future in pending:
                if future.done():
                    future.result()  # stop early if grading failed
            submit(fresh)


def _grade_and_store(store: ResultStore, by_id: dict[str, EvalTask], answers: list[Answer], throughput: Throughput,
                     log: Callable[[str], None]) -> None:
    began = time.perf_counter()
    graded = grade_answers(by_id, answers)
    throughput.grading_s += time.perf_counter() - began
    for item in graded:
        store.add_graded(item)
    throughput.graded += len(graded)
    passed = sum(g.passed for g in graded)
    log(f"graded {len(graded)} answer(s): {passed} passed ({throughput.graded} this run)")
