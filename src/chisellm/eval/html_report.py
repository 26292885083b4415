"""A self-contained HTML eval report: tables plus bar charts drawn as inline SVG (no scripts, no CDN)."""

from __future__ import annotations

from html import escape
from typing import Any

from chisellm.config.eval_summary import EvalSummary

LABEL_CHARS = 40  # longest axis label drawn
CHAR_PX = 6.5  # width of one 11px character, for the label margins
PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#9c755f")
CSS = """body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}
td:first-child,th:first-child{text-align:left}th{background:#f3f3f3}code{font-size:90%}
details{text-align:left}pre{white-space:pre-wrap;max-width:900px;font-size:85%;background:#f8f8f8;padding:4px}
.legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle}"""


def bar_chart(title: str, groups: dict[str, dict[str, float | None]], series: list[str]) -> str:
    """Grouped vertical bars in [0, 1]: one group per key of `groups`, one bar per series.

    Args:
        title: Chart heading.
        groups: {group label: {series name: value in [0, 1] or None}}.
        series: The series to draw, in legend order.
    """
    bar, gap, height = 18, 22, 180
    longest = max((len(label[:LABEL_CHARS]) for label in groups), default=0)
    # labels are rotated -30 degrees and end under their group: room below and to the left for the longest
    bottom = 30 + int(longest * CHAR_PX * 0.5)
    left = max(40, int(longest * CHAR_PX * 0.87))
    width = left + max(1, len(groups)) * (len(series) * bar + gap) + 20
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + bottom + 10}" role="img" '
           f'aria-label="{escape(title)}">']
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        y = 10 + height * (1 - tick)
        out.append(f'<line x1="{left}" x2="{width}" y1="{y}" y2="{y}" stroke="#ddd"/>'
                   f'<text x="{left - 4}" y="{y + 4}" font-size="10" text-anchor="end">{int(tick * 100)}%</text>')
    for g, (label, values) in enumerate(groups.items()):
        x0 = left + gap / 2 + g * (len(series) * bar + gap)
        for s, name in enumerate(series):
            value = values.get(name)
            if value is None:
                continue
            h = height * max(0.0, min(1.0, value))
            out.append(f'<rect x="{x0 + s * bar}" y="{10 + height - h}" width="{bar - 2}" height="{h}" '
                       f'fill="{PALETTE[s % len(PALETTE)]}"><title>{escape(label)} {escape(name)}: '
                       f'{100 * value:.1f}%</title></rect>')
        cx = x0 + len(series) * bar / 2
        out.append(f'<text x="{cx}" y="{height + 24}" font-size="11" text-anchor="end" '
                   f'transform="rotate(-30 {cx} {height + 24})">{escape(label[:LABEL_CHARS])}</text>')
    out.append("</svg>")
    legend = "".join(f'<span style="background:{PALETTE[i % len(PALETTE)]}"></span>{escape(name)}'
                     for i, name in enumerate(series))
    return f"<h3>{escape(title)}</h3><div class=\"legend\">{legend}</div>{''.join(out)}"


def _table(groups: dict[str, dict[str, Any]], columns: list[str], first: str) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in [first, "tasks", "answers", *columns])
    rows = []
    for name, m in groups.items():
        cells = [escape(name), f"{m['answered_tasks']}/{m['tasks']}", str(m["answers"])]
        cells += ["-" if m.get(c) is None else f"{100 * m[c]:.1f}%" for c in columns]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return f"<table><tr>{head}</tr>{''.join(rows)}</table>"


def _failure_cell(failure: dict[str, Any] | None) -> str:
    """The first failing answer of a task, folded: its error message, first mismatch and code."""
    if not failure:
        return ""
    parts = [f"<summary>{escape(failure['verdict'])} (sample {failure['sample']})</summary>"]
    if failure.get("message"):
        parts.append(f"<p>error</p><pre>{escape(failure['message'])}</pre>")
    if failure.get("mismatch"):
        shown = ", ".join(f"{k}={v}" for k, v in failure["mismatch"].items())
        parts.append(f"<p>first mismatch</p><pre>{escape(shown)}</pre>")
    if failure.get("code"):
        parts.append(f"<p>answer</p><pre><code>{escape(failure['code'])}</code></pre>")
    return f"<details>{''.join(parts)}</details>"


def render_html(summary: EvalSummary) -> str:
    """The whole report page."""
    run = summary.run
    pass_columns = [f"pass@{k}" for k in summary.k]
    columns = pass_columns + ["compile_rate", "elaborate_rate", "functional_pass_rate"]
    levels = summary.by_level
    split_by_level: dict[str, dict[str, float | None]] = {}
    for key, metrics in summary.by_level_and_split.items():
        level, _, split = key.partition(" / ")
        split_by_level.setdefault(level, {})[split] = metrics.get("pass@1")
    splits = sorted({s for values in split_by_level.values() for s in values})
    total = sum(summary.verdicts.values()) or 1
    verdict_groups = {v: {"share of answers": c / total} for v, c in summary.verdicts.items()}
    body = [
        "<h1>ChiseLLM eval report</h1>",
        f"<p>Answers from <code>{escape(str(run.get('source')))}</code> {escape(str(run.get('model', '')))}; "
        f"eval set <code>{escape(str(run.get('eval_set')))}</code>; {run.get('samples')} sample(s) per task, "
        f"temperature {run.get('temperature')}.</p>",
        "<h2>Overall</h2>", _table({"all": summary.overall}, columns, "set"),
        bar_chart("Rates by level", {lv: {c: m.get(c) for c in columns} for lv, m in levels.items()}, columns),
        bar_chart("pass@1 by level, held-in vs held-out", split_by_level, splits),
        bar_chart("Verdicts", verdict_groups, ["share of answers"]),
        "<h2>By level</h2>", _table(levels, columns, "level"),
        "<h2>Held-in vs held-out</h2>", _table(summary.by_split, columns, "split"),
        "<h2>By task kind</h2>", _table(summary.by_task_kind, columns, "task"),
        "<h2>By category</h2>", _table(summary.by_category, columns, "category"),
    ]
    rounds = summary.rounds
    if len(rounds) > 1:
        head = "".join(f"<th>{escape(c)}</th>" for c in ["round", "answers", *(f"{c} after" for c in pass_columns),
                                                            "verdicts of the round's answers"])
        rows = "".join(
            f"<tr><td>{r['round']}</td><td>{r['answers']}</td>"
            + "".join("<td>-</td>" if r.get(c) is None else f"<td>{100 * r[c]:.1f}%</td>" for c in pass_columns)
            + f"<td>{escape(', '.join(f'{v}: {n}' for v, n in r['verdicts'].items()))}</td></tr>" for r in rounds)
        body += ["<h2>Repair rounds</h2><p>After a failed answer the model got the engine's diagnostic as the next "
                 "turn; pass@k after round r counts a chain as passed once any answer up to r passed. The tables "
                 "above count first answers.</p>",
                 bar_chart("pass@k after each round", {f"round {r['round']}": {c: r.get(c) for c in pass_columns}
                                                       for r in rounds}, pass_columns),
                 f"<table><tr>{head}</tr>{rows}</table>"]
    if summary.top_compile_errors:
        rows = "".join(f"<tr><td>{e['count']}</td><td><code>{escape(e['error'])}</code></td>"
                       f"<td>{escape(e['example_task'])}</td></tr>" for e in summary.top_compile_errors)
        body.append(f"<h2>Most common compile errors</h2><table><tr><th>count</th><th>error</th>"
                    f"<th>e.g. task</th></tr>{rows}</table>")
    task_rows = "".join(
        f"<tr><td>{escape(t.id)}</td><td>{escape(t.level)}</td><td>{escape(t.split)}</td>"
        f"<td>{t.passed}/{t.n}</td><td>{escape(', '.join(f'{v}: {c}' for v, c in sorted(t.verdicts.items())))}</td>"
        f"<td>{_failure_cell(t.failure)}</td></tr>"
        for t in summary.tasks)
    body.append("<h2>Tasks</h2><table><tr><th>task</th><th>level</th><th>split</th><th>passed/n</th>"
                f"<th>verdicts</th><th>first failure</th></tr>{task_rows}</table>")
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>ChiseLLM eval report</title>"
            f"<style>{CSS}</style></head><body>{''.join(body)}</body></html>\n")
