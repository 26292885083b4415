"""Turn graded answers into the numbers a report shows: pass@k, compile, elaborate and functional pass rates,
broken down by level, category, task kind and held-in vs held-out, plus the most common compile errors.

With repair rounds, the headline and breakdowns are the first answers' (zero-shot, comparable with runs without
rounds); `rounds` adds pass@k after each round (a chain counts as passed once any of its answers up to that round
passed) and the verdict mix of the answers given in each round."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from chisellm.config.eval_summary import EvalSummary, TaskScore
from chisellm.eval.grade import EXTRACTION_FAILED, GradedAnswer
from chisellm.eval.passk import mean_pass_at_k
from chisellm.eval.tasks import EvalTask

TOP_COMPILE_ERRORS = 10


def score_tasks(tasks: Iterable[EvalTask], graded: Iterable[GradedAnswer]) -> list[TaskScore]:
    """Per-task counts, in the order of `tasks` (tasks without answers get n=0)."""
    by_task: dict[str, list[GradedAnswer]] = defaultdict(list)
    for answer in graded:
        by_task[answer.task_id].append(answer)
    scores = []
    for task in tasks:
        answers = by_task.get(task.id, [])
        scores.append(TaskScore(
            id=task.id, level=task.level, category=task.category, task=task.task or "unspecified",
            family=task.family, split=task.split, simulates=task.simulates, n=len(answers),
            passed=sum(a.passed for a in answers), compiled=sum(a.compiled for a in answers),
            elaborated=sum(a.elaborated for a in answers),
            extraction_failed=sum(a.verdict == EXTRACTION_FAILED for a in answers),
            verdicts=dict(Counter(a.verdict for a in answers)), failure=_first_failure(answers)))
    return scores


FAILURE_TEXT_LIMIT = 2000  # characters of message and code kept per failing task in summary.json


def _first_failure(answers: list[GradedAnswer]) -> dict[str, Any] | None:
    failed = sorted((a for a in answers if not a.passed), key=lambda a: a.sample)
    if not failed:
        return None
    first = failed[0]
    return {"sample": first.sample, "verdict": first.verdict, "message": first.message[:FAILURE_TEXT_LIMIT],
            "mismatch": first.mismatch, "code": first.completion[:FAILURE_TEXT_LIMIT]}


def group_metrics(scores: list[TaskScore], ks: Iterable[int]) -> dict[str, Any]:
    """The headline numbers of a set of tasks. Rates are over answers; pass@k is the mean over answered tasks."""
    answered = [s for s in scores if s.n]
    answers = sum(s.n for s in answered)
    simulated = [s for s in answered if s.simulates]
    simulated_answers = sum(s.n for s in simulated)
    out: dict[str, Any] = {"tasks": len(scores), "answered_tasks": len(answered), "answers": answers}
    for k in ks:
        out[f"pass@{k}"] = mean_pass_at_k(((s.n, s.passed) for s in answered), k)
    out["compile_rate"] = _rate(sum(s.compiled for s in answered), answers)
    out["elaborate_rate"] = _rate(sum(s.elaborated for s in answered), answers)
    out["pass_rate"] = _rate(sum(s.passed for s in answered), answers)
    # Functional: answers whose behaviour was checked in simulation and matched.
    out["functional_pass_rate"] = _rate(sum(s.passed for s in simulated), simulated_answers)
    out["extraction_failure_rate"] = _rate(sum(s.extraction_failed for s in answered), answers)
    return out


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def breakdown(scores: list[TaskScore], key: Callable[[TaskScore], str], ks: Iterable[int]) -> dict[str, dict[str, Any]]:
    """`group_metrics` per value of `key`, sorted by that value."""
    groups: dict[str, list[TaskScore]] = defaultdict(list)
    for score in scores:
        groups[key(score)].append(score)
    ks = list(ks)
    return {name: group_metrics(groups[name], ks) for name in sorted(groups)}


def normalize_error(message: str) -> str:
    """A compile error with its identifiers blanked, so the same mistake on different names counts once."""
    line = message.strip().splitlines()[0] if message.strip() else ""
    line = re.sub(r"\b(value|method|object|variable|not found: type) [\w$]+", r"\1 _", line)
    line = re.sub(r"`[^`]*`|'[^']*'|\"[^\"]*\"", "_", line)
    line = re.sub(r"\b\d+\b", "N", line)
    return line


def top_compile_errors(graded: Iterable[GradedAnswer], limit: int = TOP_COMPILE_ERRORS) -> list[dict[str, Any]]:
    """The most common first error messages of answers that did not compile, with one task that hit each."""
    counts: Counter[str] = Counter()
    example: dict[str, str] = {}
    for answer in graded:
        if answer.verdict != "compile_error":
            continue
        errors = [d for d in answer.diagnostics if d.get("severity", "error") == "error"] or answer.diagnostics
        text = normalize_error(errors[0]["message"] if errors else answer.message) or "(no message)"
        counts[text] += 1
        example.setdefault(text, answer.task_id)
    return [{"error": text, "count": count, "example_task": example[text]} for text, count in counts.most_common(limit)]


def after_round(graded: Iterable[GradedAnswer], round_: int) -> list[GradedAnswer]:
    """Each answer chain's latest answer given in rounds 1..`round_` (a chain stops once an answer passes)."""
    latest: dict[tuple[str, int], GradedAnswer] = {}
    for answer in graded:
        key = (answer.task_id, answer.sample)
        if answer.round <= round_ and (key not in latest or answer.round > latest[key].round):
            latest[key] = answer
    return list(latest.values())


def round_metrics(tasks: list[EvalTask], graded: list[GradedAnswer], ks: list[int]) -> list[dict[str, Any]]:
    """Per round r: how many answers were given in r, their verdicts, and pass@k / pass rate after r."""
    last = max((g.round for g in graded), default=1)
    out = []
    for round_ in range(1, last + 1):
        given = [g for g in graded if g.round == round_]
        metrics = group_metrics(score_tasks(tasks, after_round(graded, round_)), ks)
        out.append({"round": round_, "answers": len(given),
                    **{f"pass@{k}": metrics[f"pass@{k}"] for k in ks}, "pass_rate": metrics["pass_rate"],
                    "verdicts": dict(Counter(g.verdict for g in given).most_common())})
    return out


def summarize(tasks: list[EvalTask], graded: list[GradedAnswer], ks: list[int], run: dict[str, Any]) -> EvalSummary:
    """The whole summary.json: headline, breakdowns, per-task scores, verdict counts, common compile errors and
    the per-round figures of repair rounds (the headline counts first answers only)."""
    rounds = round_metrics(tasks, graded, ks)
    graded = [g for g in graded if g.round == 1]
    scores = score_tasks(tasks, graded)
    return EvalSummary(
        run=run,
        k=ks,
        overall=group_metrics(scores, ks),
        by_level=breakdown(scores, lambda s: s.level, ks),
        by_category=breakdown(scores, lambda s: s.category, ks),
        by_task_kind=breakdown(scores, lambda s: s.task, ks),
        by_split=breakdown(scores, lambda s: s.split, ks),
        by_level_and_split=breakdown(scores, lambda s: f"{s.level} / {s.split}", ks),
        verdicts=dict(Counter(g.verdict for g in graded).most_common()),
        top_compile_errors=top_compile_errors(graded),
        rounds=rounds,
        tasks=scores,
    )
