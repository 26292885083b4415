"""`chisellm eval`: score a model, an API, an answers file or the oracle on an eval set; `chisellm eval compare`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(help="Evaluate Chisel answers by compiling, elaborating and simulating them; compare runs.",
                  invoke_without_command=True, no_args_is_help=False)


@app.callback(invoke_without_command=True)
def eval_command(
    ctx: typer.Context,
    eval_set: Optional[str] = typer.Option(None, "--eval-set", help="JSONL eval set, folder of them, or VerilogEval folder."),
    suite: Optional[str] = typer.Option(None, "--suite", help="A named suite instead: verilog-eval-v2, rtllm-v2."),
    suite_path: Optional[str] = typer.Option(None, "--suite-path", help="Local copy of the suite's upstream problems."),
    model: Optional[str] = typer.Option(None, "--model", help="Model folder, or an adapter folder (adapter_config.json)."),
    adapter: Optional[str] = typer.Option(None, "--adapter", help="Adapter folder; its base comes from chisellm_run.json."),
    base: Optional[str] = typer.Option(None, "--base", help="Base model folder for --adapter/--model (overrides the recorded one)."),
    api: Optional[str] = typer.Option(None, "--api", help="Base URL of an OpenAI-compatible server, e.g. http://host:8000/v1."),
    api_model: Optional[str] = typer.Option(None, "--api-model", help="Model name sent to --api (default: the server's first)."),
    api_key: Optional[str] = typer.Option(None, "--api-key", help="API key for --api (default: $OPENAI_API_KEY)."),
    answers: Optional[str] = typer.Option(None, "--answers", help="Grade answers from this JSONL (task_id, completion)."),
    oracle: bool = typer.Option(False, "--oracle", help="Answer with each task's reference code (checks the eval set)."),
    allow_blackbox: bool = typer.Option(False, "--allow-blackbox",
                                        help="Grade Verilog black boxes like Chisel (default: blackbox_refused)."),
    scripted: Optional[str] = typer.Option(None, "--scripted", help="Replay answers per round from this JSONL (task_id, round, completion)."),
    rounds: Optional[int] = typer.Option(None, "--rounds", help="Answers per task at most: failures get the engine's diagnostic back (repair)."),
    samples: Optional[int] = typer.Option(None, "-n", "--samples", help="Answers per task."),
    k: Optional[str] = typer.Option(None, "-k", help="pass@k values, comma-separated, e.g. 1,5."),
    temperature: Optional[float] = typer.Option(None, "--temperature", help="Sampling temperature (0 = greedy)."),
    out: Optional[str] = typer.Option(None, "--out", help="Results folder (resumed when it exists)."),
    backend: Optional[str] = typer.Option(None, "--backend", help="auto, transformers or vllm (for --model/--adapter)."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Only the first N tasks."),
    config: Optional[Path] = typer.Option(None, "--config", help="YAML config (configs/eval/); flags override it."),
    sets: list[str] = typer.Option([], "--set", help="Any config key, e.g. --set generation.batch_size=16."),
) -> None:
    """Generate (or read) answers, grade them through the verification engine, and write JSON/Markdown/HTML reports."""
    if ctx.invoked_subcommand is not None:
        return
    from chisellm.config import load_config
    from chisellm.config.eval import EvalConfig
    from chisellm.eval.runner import run_eval

    # One of --suite and --eval-set replaces the other, also over a config file that names the other; both is an error.
    chosen = {key: value for key, value in (("eval_set", eval_set), ("suite", suite)) if value is not None}
    if len(chosen) == 1:
        chosen = {"eval_set": "", "suite": "", **chosen}
    flags = {**chosen, "suite_path": suite_path, "model": model, "adapter": adapter, "base": base, "api.url": api, "api.model": api_model, "api.key": api_key,
             "answers": answers, "scripted": scripted, "rounds": rounds, "generation.samples": samples, "generation.temperature": temperature, "out": out,
             "backend": backend, "limit": limit, "oracle": True if oracle else None,
             "allow_blackbox": True if allow_blackbox else None}
    overrides = [f"{key}={json.dumps(value)}" for key, value in flags.items() if value is not None]
    if k is not None:
        overrides.append(f"k=[{k}]")
    settings = load_config(EvalConfig, config, [*overrides, *sets])
    outcome = run_eval(settings, log=lambda line: typer.echo(line, err=True))
    if outcome.summary is not None:
        _print_summary(outcome.summary)
    for kind, path in outcome.reports.items():
        typer.echo(f"{kind:>8}: {path}")


def _print_summary(summary) -> None:
    from chisellm.eval.report import fmt, metric_columns

    columns = metric_columns(summary)
    rows = [("all", summary.overall), *summary.by_level.items(), *(
        (f"[{split}]", m) for split, m in summary.by_split.items())]
    from chisellm.utils.table import render_table

    header = ["group", "tasks", *columns]
    lines = [[name, f"{m['answered_tasks']}/{m['tasks']}", *(fmt(m.get(c)) for c in columns)] for name, m in rows]
    typer.echo(render_table(header, lines))
    if len(summary.rounds) > 1:
        typer.echo("repair rounds (pass@k after each round; verdicts of that round's answers):")
        for r in summary.rounds:
            passes = "  ".join(f"pass@{k} {fmt(r.get(f'pass@{k}'))}" for k in summary.k)
            mix = ", ".join(f"{v} {c}" for v, c in r["verdicts"].items())
            typer.echo(f"  round {r['round']}: {r['answers']} answer(s)  {passes}  [{mix}]")


@app.command("compare")
def compare_command(
    a: Path = typer.Argument(..., help="summary.json of run A (e.g. the base model)."),
    b: Path = typer.Argument(..., help="summary.json of run B (e.g. the fine-tuned model)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Also write the comparison as JSON here."),
) -> None:
    """Per-level pass@1 of A and B with deltas and an exact paired sign test (McNemar for one sample per task)."""
    from chisellm.eval.compare import compare_summaries, comparison_json, eval_set_warnings, format_comparison, load_summary
    from chisellm.utils.io import atomic_write_text

    summary_a, summary_b = load_summary(a), load_summary(b)
    for warning in eval_set_warnings(summary_a, summary_b):
        typer.secho(f"warning: {warning}", fg="yellow", err=True)
    rows = compare_summaries(summary_a, summary_b)
    typer.echo(format_comparison(rows, str(a), str(b)))
    if out is not None:
        atomic_write_text(out, json.dumps(comparison_json(rows, str(a), str(b)), indent=2) + "\n")
        typer.echo(f"wrote {out}")


@app.command("suite-check")
def suite_check_command(
    suite: str = typer.Option(..., "--suite", help="The suite to check, e.g. verilog-eval-v2."),
    suite_path: Optional[str] = typer.Option(None, "--suite-path", help="Local copy of the suite's upstream problems."),
    only: Optional[str] = typer.Option(None, "--only", help="Only task ids starting with this, e.g. Prob00."),
    out: Optional[Path] = typer.Option(None, "--out", help="Also write the per-problem result as JSON here."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Grade every answer afresh (no result cache): real timings."),
) -> None:
    """Validate a suite's answer key in one engine batch: every reference must pass, every wrong answer must fail."""
    from chisellm.eval.suites import suite_module
    from chisellm.eval.suites.check import check_answer_key
    from chisellm.utils.io import atomic_write_text

    module = suite_module(suite)
    path = Path(suite_path) if suite_path else None
    tasks = [t for t in module.load(path) if not only or t.id.startswith(only)]
    wrong = module.wrong_answers(path)
    if no_cache:
        from chisellm.hdl.engine import Engine, EngineOptions

        with Engine(EngineOptions(cache_dir=None)) as engine:
            result = check_answer_key(tasks, wrong, engine)
    else:
        result = check_answer_key(tasks, wrong)
    for problem in result.failures:
        typer.echo(f"FAIL {problem.task_id}: {problem.problem}")
    unanswered = [p.task_id for p in result.problems if p.ref is None and p.wrong is None]
    typer.echo(f"{suite}: {len(result.validated)}/{len(tasks)} problems validated (reference passes, wrong answer "
               f"fails), {len(result.failures)} failing, {len(unanswered)} without an answer key; "
               f"{result.answers} answers graded in {result.seconds:.1f} s")
    if out is not None:
        rows = [{"task_id": p.task_id, "validated": p.validated, "problem": p.problem,
                 "ref": p.ref.verdict if p.ref else None, "wrong": p.wrong.verdict if p.wrong else None}
                for p in result.problems]
        atomic_write_text(out, json.dumps({"suite": suite, "seconds": round(result.seconds, 2), "problems": rows},
                                          indent=2) + "\n")
    if not result.ok:
        raise typer.Exit(1)
