"""`chisellm bench ...`: benchmarks that print a table and write JSON under bench/results/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(help="Benchmarks: print a table and write JSON under bench/results/.", no_args_is_help=True)

GRADING_TARGET_PER_S = 10.0  # issue 5: grading must never be the bottleneck


@app.command("verify")
def bench_verify_command(
    modules: int = typer.Option(500, "--modules", help="Generated modules verified by the engine."),
    cycles: int = typer.Option(1000, "--cycles", help="Simulated cycles per module."),
    baseline: int = typer.Option(5, "--baseline", help="Modules run the reference workflow's way (fresh JVMs)."),
    out: Path = typer.Option(Path("bench/results/verify.json"), "--out", help="Where the JSON goes."),
) -> None:
    """Engine throughput on generated modules vs the reference workflow's fresh-JVM-per-module way."""
    from dataclasses import asdict

    from chisellm.hdl.benchmark import bench_verify

    report = bench_verify(modules=modules, cycles=cycles, baseline=baseline, out=out)
    _echo_rows(list(asdict(report).items()))
    typer.echo(f"wrote {out}")


@app.command("hostile")
def bench_hostile_command(
    good: int = typer.Option(200, "--good", help="Good modules in the mixed batch."),
    hostile: int = typer.Option(100, "--hostile", help="Hostile modules (runaway loops, memory bombs, compile errors)."),
    out: Path = typer.Option(Path("bench/results/hostile.json"), "--out", help="Where the JSON goes."),
) -> None:
    """Throughput under attack: a mixed batch against as many good modules, each on a fresh engine."""
    from dataclasses import asdict

    from chisellm.hdl.benchmark import bench_hostile

    report = bench_hostile(good=good, hostile=hostile, out=out)
    _echo_rows(list(asdict(report).items()))
    verdict = "meets" if report.ratio <= report.target_ratio else "misses"
    typer.echo(f"mixed / good-only = {report.ratio}x ({verdict} the {report.target_ratio:g}x target); wrote {out}")


@app.command("eval")
def bench_eval(
    answers: int = typer.Option(96, "--answers", help="Answers in the timed batch."),
    warmup: int = typer.Option(16, "--warmup", help="Answers graded first to start and warm the JVM."),
    out: Path = typer.Option(Path("bench/results/eval_grading.json"), "--out", help="Where the JSON goes."),
    suite: str = typer.Option("", "--suite", help="Time a suite's answer key instead (references + wrong answers)."),
    suite_path: Optional[str] = typer.Option(None, "--suite-path", help="Local copy of the suite's upstream problems."),
) -> None:
    """Grading throughput (extract, compile, elaborate, firtool, simulate), result cache off: small generated
    modules, or with --suite every reference and wrong answer of a suite in one batch."""
    from chisellm.eval.grading_bench import run_grading_bench
    from chisellm.utils.io import atomic_write_text

    result = run_grading_bench(answers=answers, warmup=warmup, suite=suite, suite_path=suite_path)
    report = {**result.to_json(), "target_per_s": GRADING_TARGET_PER_S}
    rows = [("answers graded", str(result.answers)), ("seconds", f"{result.seconds:.1f}"),
            ("graded answers / s", f"{result.per_second:.2f} (target >= {GRADING_TARGET_PER_S:g})"),
            ("CPU seconds / answer", f"{result.cpu_seconds_per_answer:.3f} (all engine processes)"),
            ("idle-machine bound", f"{report['idle_machine_graded_per_s_upper_bound']} answers/s "
                                   f"({report['machine']['cpus']} cores / CPU seconds per answer)"),
            ("engine start + warm-up", f"{result.warmup_s:.1f} s"),
            ("verdicts", ", ".join(f"{v}: {c}" for v, c in result.verdicts.items())),
            ("graded as intended", f"{result.as_intended}/{result.answers}"),
            ("machine", f"{report['machine']['cpus']} CPUs, {report['machine']['platform']}"),
            ("load average (1 min)", f"{report['machine']['load_average_1m_start']} at start, "
                                     f"{report['machine']['load_average_1m_end']} at end")]
    _echo_rows(rows)
    atomic_write_text(out, json.dumps(report, indent=2) + "\n")
    typer.echo(f"wrote {out}")


@app.command("data")
def bench_data_command(
    config: str = typer.Option("configs/data/default.yaml", "--config", "-c", help="Data config YAML."),
    overrides: list[str] = typer.Option([], "--set", help="key=value override of the data config (repeatable)."),
    out: Path = typer.Option(Path("bench/results/data.json"), "--out", help="Where the JSON goes."),
) -> None:
    """The full data build (training + eval sets) from scratch, engine cache off; target <= 30 min on 2 cores."""
    from chisellm.cli.data import load_data_config
    from chisellm.data.benchmark import bench_data

    result = bench_data(load_data_config(config, overrides), out, config, log=typer.echo)
    rows = [("config", result["config"]), ("seconds", f"{result['seconds']:.0f} (target <= {result['target_seconds']})"),
            ("training rows", str(result["train_rows"])), ("eval rows", str(result["eval_rows"])),
            ("candidates verified", str(result["candidates_verified"])),
            ("verified / s (whole build)", f"{result['verified_per_second']:.2f}"),
            ("verified / s (engine)", f"{result['engine_per_second']:.2f}"),
            ("same bytes as shipped", str(result["same_bytes_as_shipped"])),
            ("machine", f"{result['machine']['cpus']} CPUs, load {result['machine']['load_average_before']} -> "
                        f"{result['machine']['load_average_after']}")]
    _echo_rows(rows)
    typer.echo(f"wrote {out}")


@app.command("serve")
def bench_serve(
    clients: int = typer.Option(32, "--clients", help="Concurrent loopback clients."),
    seconds: float = typer.Option(60.0, "--seconds", help="How long they send requests."),
    out: Path = typer.Option(Path("bench/results/serve.json"), "--out", help="Where the JSON goes."),
) -> None:
    """Load on `chisellm serve`'s /v1/verify: good, broken and hostile code; requests/s, p50/p95, no crossed answers."""
    from chisellm.serve.app import create_app
    from chisellm.serve.background import BackgroundServer
    from chisellm.serve.limits import ServeSettings
    from chisellm.serve.load_bench import report_json, run_serve_bench
    from chisellm.utils.io import atomic_write_text

    with BackgroundServer(create_app(ServeSettings(max_in_flight=max(64, 2 * clients)))) as url:
        report = run_serve_bench(url, clients=clients, seconds=seconds)
    rows = [("clients x seconds", f"{report.clients} x {report.seconds}"), ("requests", str(report.requests)),
            ("requests / s", f"{report.requests_per_s}"), ("latency p50 / p95", f"{report.p50_ms} / {report.p95_ms} ms"),
            *((f"  {kind}", f"{m['requests']} requests, p50 {m['p50_ms']} ms, p95 {m['p95_ms']} ms")
              for kind, m in report.by_kind.items()),
            ("verdicts", ", ".join(f"{v}: {c}" for v, c in sorted(report.verdicts.items()))),
            ("HTTP errors", str(report.http_errors)), ("lost / crossed / misgraded", str(report.wrong)),
            ("machine", f"{report.machine['cpus']} CPUs, {report.machine['platform']}, "
                        f"load {report.machine['load_average_1m']}")]
    _echo_rows(rows)
    for example in report.wrong_examples:
        typer.echo(f"  wrong: {example}")
    atomic_write_text(out, json.dumps(report_json(report), indent=2) + "\n")
    typer.echo(f"wrote {out}")
    raise typer.Exit(0 if report.wrong == 0 and report.http_errors == 0 else 1)


def _echo_rows(rows: list[tuple[str, object]]) -> None:
    from chisellm.utils.table import render_table

    typer.echo(render_table(("figure", "value"), rows, left_columns=2))
