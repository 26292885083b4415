"""Write an eval summary as summary.json, report.md and a self-contained report.html."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from chisellm.config.eval_summary import EvalSummary
from chisellm.eval.html_report import render_html
from chisellm.utils.io import atomic_write_text

RATE_COLUMNS = ("compile_rate", "elaborate_rate", "functional_pass_rate")


def write_reports(summary: EvalSummary, out_dir: Path) -> dict[str, Path]:
    """Write the three report files into `out_dir`; returns their paths by format."""
    paths = {"json": out_dir / "summary.json", "markdown": out_dir / "report.md", "html": out_dir / "report.html"}
    atomic_write_text(paths["json"], json.dumps(summary.to_json(), indent=2, ensure_ascii=False) + "\n")
    atomic_write_text(paths["markdown"], render_markdown(summary))
    atomic_write_text(paths["html"], render_html(summary))
    return paths


def fmt(value: float | None, percent: bool = True) -> str:
    """A rate as `87.5%` (or `-` when undefined)."""
    if value is None:
        return "-"
    return f"{100 * value:.1f}%" if percent else f"{value:.3f}"


def metric_columns(summary: EvalSummary) -> list[str]:
    """pass@k columns for every k, then the rates."""
    return [f"pass@{k}" for k in summary.k] + list(RATE_COLUMNS)


def markdown_table(groups: dict[str, dict[str, Any]], columns: list[str], first: str) -> str:
    """A Markdown table with one row per group."""
    header = f"| {first} | tasks | answers | " + " | ".join(columns) + " |"
    rule = "|" + "---|" * (len(columns) + 3)
    rows = [f"| {name} | {m['answered_tasks']}/{m['tasks']} | {m['answers']} | "
            + " | ".join(fmt(m.get(c)) for c in columns) + " |" for name, m in groups.items()]
    return "\n".join([header, rule, *rows])


def rounds_table(summary: EvalSummary) -> str:
    """The per-round Markdown table: answers given, pass@k and pass rate after the round, verdict mix."""
    ks = [f"pass@{k}" for k in summary.k]
    header = "| round | answers | " + " | ".join(f"{k} after" for k in ks) + " | pass rate after | verdicts |"
    rule = "|" + "---|" * (len(ks) + 4)
    rows = [f"| {r['round']} | {r['answers']} | " + " | ".join(fmt(r.get(k)) for k in ks) + f" | {fmt(r['pass_rate'])} | "
            + ", ".join(f"{v}: {c}" for v, c in r["verdicts"].items()) + " |" for r in summary.rounds]
    return "\n".join([header, rule, *rows])


def render_markdown(summary: EvalSummary) -> str:
    """The Markdown report: headline, breakdowns, verdicts, common compile errors, failing tasks."""
    run = summary.run
    columns = metric_columns(summary)
    parts = [
        "# ChiseLLM eval report", "",
        f"- answers from: `{run.get('source')}` {run.get('model', '')}",
        f"- eval set: `{run.get('eval_set')}` (digest {run.get('eval_set_digest')})",
        (f"- samples per task: {run.get('samples')}, temperature {run.get('temperature')}, top_p {run.get('top_p')}"
         if run.get("source") != "answers" else "- answers per task: as many as the answers file holds (see Tasks)"),
    ]
    tp = run.get("throughput") or {}
    if tp.get("graded"):
        parts.append(f"- this invocation: generated {tp['generated']} ({tp['generated_per_s'] or '-'} /s), "
                     f"graded {tp['graded']} ({tp['graded_per_s']} /s)")
    parts += ["- pass@k: unbiased estimator (Chen et al. 2021), averaged over the tasks with at least k graded answers; "
              "rates are over answers; functional = answers checked in simulation that matched",
              "", "## Overall", "", markdown_table({"all": summary.overall}, columns, "set")]
    for title, key, first in (("By level", "by_level", "level"), ("Held-in vs held-out", "by_split", "split"),
                              ("By level and split", "by_level_and_split", "level / split"),
                              ("By task kind", "by_task_kind", "task"), ("By category", "by_category", "category")):
        parts += ["", f"## {title}", "", markdown_table(getattr(summary, key), columns, first)]
    if len(summary.rounds) > 1:
        parts += ["", "## Repair rounds", "",
                  "After a failed answer the model got the engine's diagnostic as the next turn. pass@k after round r "
                  "counts a chain as passed when any of its answers up to round r passed; verdicts are those of the "
                  "answers given in round r.", "", rounds_table(summary)]
    parts += ["", "## Verdicts" + (" (first answers)" if len(summary.rounds) > 1 else ""), "",
              "| verdict | answers |", "|---|---|"]
    parts += [f"| {verdict} | {count} |" for verdict, count in summary.verdicts.items()]
    if summary.top_compile_errors:
        parts += ["", "## Most common compile errors", "", "| count | error | e.g. task |", "|---|---|---|"]
        parts += [f"| {e['count']} | `{e['error'].replace('|', '/')}` | {e['example_task']} |" for e in summary.top_compile_errors]
    failing = [t for t in summary.tasks if t.n and t.passed < t.n]
    parts += ["", f"## Tasks not always passing ({len(failing)} of {len(summary.tasks)})", ""]
    if failing:
        parts += ["| task | level | passed/n | verdicts |", "|---|---|---|---|"]
        parts += [f"| {t.id} | {t.level} | {t.passed}/{t.n} | "
                  + ", ".join(f"{v}: {c}" for v, c in sorted(t.verdicts.items())) + " |" for t in failing]
    unanswered = [t.id for t in summary.tasks if not t.n]
    if unanswered:
        parts += ["", f"Unanswered tasks ({len(unanswered)}): " + ", ".join(unanswered[:50])
                  + (" ..." if len(unanswered) > 50 else "")]
    return "\n".join(parts) + "\n"
