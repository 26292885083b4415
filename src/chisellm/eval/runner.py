"""One eval run, top to bottom: load tasks, resume, answer through the repair loop (grading each chunk while the
next one is generated; failed answers get the engine's diagnostic back for up to `rounds - 1` more tries), write
every answer as it finishes, then summarize and write the reports."""

from __future__ import annotations

import dataclasses

import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chisellm.config.eval import EvalConfig
from chisellm.config.eval_summary import EvalSummary
from chisellm.eval.answers_file import read_answers
from chisellm.eval.grade import Answer, grade_answers
from chisellm.eval.metrics import summarize
from chisellm.eval.repair import GRADER_THREAD, Generated, Prior, RepairSettings, Throughput, Verified, repair_loop
from chisellm.eval.report import write_reports
from chisellm.eval.store import ResultStore, eval_set_digest
from chisellm.eval.tasks import EvalTask, load_eval_set
from chisellm.utils.errors import ChiselLLMError

# Results are saved after each chunk, so a kill loses at most one chunk's work (a few seconds).
GRADE_CHUNK = 24  # answers per grading call for an answers file or the oracle: one JVM compile batch
VLLM_CHUNK = 64  # prompts handed to vLLM at once: it batches internally


@dataclass
class EvalOutcome:
    """What a run produced: the summary and where the reports are."""

    summary: EvalSummary | None  # None when answers were only generated (verify: false)
    out_dir: Path
    reports: dict[str, Path] = field(default_factory=dict)
    resumed: bool = False


def run_identity(config: EvalConfig, tasks: list[EvalTask]) -> dict[str, Any]:
    """What must match for a resume: the answer source, the eval set, the sampling settings and the rounds."""
    from chisellm.eval.backends.registry import backend_identity

    source = config.source
    label = backend_identity(config)
    gen = config.generation
    return {"source": source, "model": label, "eval_set": config.eval_set or f"suite:{config.suite}",
            "eval_set_digest": eval_set_digest(tasks),
            "samples": 1 if source in ("oracle", "answers") else gen.samples, "temperature": gen.temperature,
            "top_p": gen.top_p, "max_new_tokens": gen.max_new_tokens, "system_prompt": gen.system_prompt,
            "seed": gen.seed, "rounds": config.rounds,
            **({"quantization": config.quantization} if config.quantization != "none" else {})}


def load_tasks(config: EvalConfig) -> list[EvalTask]:
    """The tasks of `config.suite` or `config.eval_set`, kept to `config.levels`, then cut to `config.limit`; with
    `allow_blackbox`, every task accepts black boxes (the permissive grading a user asks for on purpose)."""
    if config.suite:
        from chisellm.eval.suites import load_suite

        tasks = load_suite(config.suite, config.suite_path or None)
    else:
        tasks = load_eval_set(config.eval_set)
    if config.levels:
        tasks = [t for t in tasks if any(level in t.level for level in config.levels)]
    tasks = tasks[:config.limit] if config.limit else tasks
    return [dataclasses.replace(t, allow_blackbox=True) for t in tasks] if config.allow_blackbox else tasks


def run_eval(config: EvalConfig, log: Callable[[str], None] = print) -> EvalOutcome:
    """Run (or resume) the evaluation `config` describes and write summary.json, report.md and report.html.

    Raises:
        ChiselLLMError: for a bad eval set, answers file, model, or an --out folder holding another run.
    """
    tasks = load_tasks(config)
    if config.oracle:
        missing = [t.id for t in tasks if not t.reference_code]
        if missing:
            log(f"oracle: {len(missing)} task(s) have no reference code and are skipped (e.g. {missing[0]})")
        tasks = [t for t in tasks if t.reference_code]
    if not tasks:
        raise ChiselLLMError(f"{config.eval_set or config.suite}: no tasks to evaluate",
                             hint="check the eval set or suite (and --limit, --levels)")
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
        resolve_model_source(config.adapter or config.model, config.base or None)  # fails before the run folder is made
    store = ResultStore(config.out)
    resumed = store.open(identity)
    store.drop_partial_tails()
    graded_keys = set(store.graded())
    if resumed:
        log(f"resuming {config.out}: {len(graded_keys)} answer(s) already graded")
    throughput = Throughput()
    if not config.verify:
        _generate_only(config, tasks, store, throughput)
        log(f"generated {len(store.completions())} answer(s) into {store.completions_file}; not verified (verify: false)")
        return EvalOutcome(summary=None, out_dir=Path(config.out), resumed=resumed)
    if config.source == "answers":
        _grade_answers_file(store, by_id, [a for a in answers if a.key not in graded_keys], throughput, log)
    else:
        _answer_and_repair(config, tasks, store, throughput, log)
    graded = [g for g in store.graded().values() if g.task_id in by_id]
    run = {**identity, "throughput": throughput.to_json(), "finished": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    summary = summarize(tasks, graded, sorted(set(config.k)), run)
    reports = write_reports(summary, Path(config.out))
    return EvalOutcome(summary=summary, out_dir=Path(config.out), reports=reports, resumed=resumed)


def _answer_and_repair(config: EvalConfig, tasks: list[EvalTask], store: ResultStore, throughput: Throughput,
                       log: Callable[[str], None]) -> None:
    """Run the repair loop over the tasks, saving each completion when generated and each grade when graded."""
    from chisellm.eval.backends import make_backend

    n = 1 if config.source == "oracle" else config.generation.samples
    prior = Prior(store.completions(), store.graded())

    def closed(key: tuple[str, int]) -> bool:
        return any((*key, r) in prior.graded and (prior.graded[(*key, r)].passed or r == config.rounds)
                   for r in range(1, config.rounds + 1))

    if all(closed((t.id, s)) for t in tasks for s in range(n)):
        return  # everything was graded before: no model to load
    backend = make_backend(config)
    chunk = {"api": max(config.generation.batch_size, config.api.concurrency), "oracle": GRADE_CHUNK,
             "scripted": GRADE_CHUNK, "vllm": max(config.generation.batch_size, VLLM_CHUNK)
             }.get(config.source, config.generation.batch_size)
    settings = RepairSettings(rounds=config.rounds, samples=n, chunk=chunk,
                              system_prompt=config.generation.system_prompt)
    counts: dict[int, list[int]] = {}  # round -> [graded, passed]
    from chisellm.utils.table import progress

    first_answers = sum(1 for t in tasks for s in range(n) if (t.id, s, 1) not in prior.completions)
    with progress(f"first answers from {backend.name}", first_answers) as update:
        given = 0
        for step in repair_loop(backend, tasks, settings, prior=prior, throughput=throughput):
            if isinstance(step, Generated):
                store.add_completion(Answer(step.task_id, step.sample, step.completion, step.round))
                given += step.round == 1
                update(given)
            elif isinstance(step, Verified):
                store.add_graded(step.graded)
                tally = counts.setdefault(step.graded.round, [0, 0])
                tally[0] += 1
                tally[1] += step.graded.passed
                if tally[0] % GRADE_CHUNK == 0:
                    log(f"round {step.graded.round}: graded {tally[0]} answer(s), {tally[1]} passed")
    for round_, (graded, passed) in sorted(counts.items()):
        log(f"round {round_}: {graded} answer(s) graded with {backend.name}, {passed} passed")


def _generate_only(config: EvalConfig, tasks: list[EvalTask], store: ResultStore, throughput: Throughput) -> None:
    """First answers only, saved to completions.jsonl and never graded (the reference script's --no-verify)."""
    from chisellm.eval.backends import first_turn, make_backend
    from chisellm.utils.table import progress

    n = 1 if config.source == "oracle" else config.generation.samples
    existing = store.completions()
    todo = [t for t in tasks if any((t.id, s, 1) not in existing for s in range(n))]
    if not todo:
        return
    backend = make_backend(config)
    chunk = max(config.generation.batch_size, config.api.concurrency if config.source == "api" else 1)
    with progress(f"answers from {backend.name}", len(todo)) as update:
        for start in range(0, len(todo), chunk):
            batch = todo[start:start + chunk]
            began = time.perf_counter()
            outputs = backend.chat([first_turn(t, config.generation.system_prompt) for t in batch], n)
            throughput.generation_s += time.perf_counter() - began
            for task, answers in zip(batch, outputs):
                for sample, completion in enumerate(answers):
                    if (task.id, sample, 1) not in existing:
                        store.add_completion(Answer(task.id, sample, completion, 1))
                        throughput.generated += 1
            update(min(start + chunk, len(todo)))


def _grade_answers_file(store: ResultStore, by_id: dict[str, EvalTask], answers: list[Answer], throughput: Throughput,
                        log: Callable[[str], None]) -> None:
    """Grade an answers file a chunk at a time on the grading thread."""
    pending: list[Future] = [GRADER_THREAD.submit(_grade_and_store, store, by_id, answers[start:start + GRADE_CHUNK],
                                                  throughput, log) for start in range(0, len(answers), GRADE_CHUNK)]
    try:
        for future in pending:
            future.result()
    except BaseException:
        for future in pending:
            future.cancel()  # on an error or Ctrl-C, batches not started yet are dropped (they resume next time)
        raise


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
