"""`chisellm data ...`: build, inspect, re-verify and register the SFT dataset and the eval set."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(help="Build, inspect, verify and register the Chisel SFT dataset and eval set.",
                  no_args_is_help=True)

DEFAULT_CONFIG = "configs/data/default.yaml"


def load_data_config(config: str, overrides: list[str]):
    """The typed data config from a YAML file plus `key=value` overrides."""
    from chisellm.config.data import DataConfig
    from chisellm.config.loader import load_config

    return load_config(DataConfig, config, overrides)


@app.command("build")
def build_command(
    config: str = typer.Option(DEFAULT_CONFIG, "--config", "-c", help="Data config YAML."),
    workers: Optional[int] = typer.Option(None, "--workers", "-j", help="Processes verifying at once "
                                          "(verify.workers; each runs its own compile server)."),
    overrides: Optional[list[str]] = typer.Option(None, "--set", help="key=value override (repeatable)."),
) -> None:
    """Generate, verify, deduplicate and write the training set, the eval set and the dataset card."""
    from chisellm.data.build import build_dataset

    cfg = load_data_config(config, [*(overrides or []), *([f"verify.workers={workers}"] if workers else [])])
    report = build_dataset(cfg, log=typer.echo, config_path=config)
    Path(cfg.build_dir).mkdir(parents=True, exist_ok=True)
    (Path(cfg.build_dir) / "build_report.json").write_text(json.dumps(report.to_json(), indent=2) + "\n")
    typer.echo(f"done in {report.seconds:.0f} s: {report.train_rows} training rows, {report.eval_rows} eval rows, "
               f"{report.rejects} rejects, {report.verify.verified} candidates verified "
               f"({report.verify.per_second:.1f}/s)")


@app.command("stats")
def stats_command(file: str = typer.Argument(..., help="A training or eval JSONL file.")) -> None:
    """Counts per level, task and family, answer lengths and static-check failures."""
    from chisellm.data.inspect import stats_text

    typer.echo(stats_text(file))


@app.command("verify")
def verify_command(
    file: str = typer.Argument(..., help="A training or eval JSONL file."),
    sample: Optional[int] = typer.Option(None, "--sample", help="Re-verify a stratified sample of N rows "
                                         "(by level and family) instead of every row."),
    seed: int = typer.Option(0, "--seed", help="Seed of the sample."),
) -> None:
    """Re-verify rows through the engine (compile, elaborate, simulate) plus static checks on every row."""
    from chisellm.data.inspect import verify_rows

    report = verify_rows(file, sample, seed, log=typer.echo)
    for line in report.failures[:50]:
        typer.echo(f"FAIL {line}")
    typer.echo(f"{report.checked} of {report.rows} rows re-verified, {len(report.failures)} failures")
    if not report.ok:
        raise typer.Exit(1)


@app.command("register")
def register_command(
    llama_factory_dir: Optional[str] = typer.Argument(None, help="Root of a LLaMA-Factory checkout."),
    dataset_dir: str = typer.Option("dataset", "--dataset-dir", help="Folder with dataset_info.json and the JSONL."),
    data_dir: Optional[str] = typer.Option(None, "--data-dir",
                                           help="Any folder to serve as LLaMA-Factory's dataset_dir (pip installs)."),
) -> None:
    """Copy the dataset into a LLaMA-Factory checkout's data/ (or --data-dir) and merge its dataset_info.json entry."""
    from chisellm.data.register import register_dataset

    path = register_dataset(llama_factory_dir, dataset_dir, data_dir)
    typer.echo(f"registered in {path}")
    if data_dir is not None:
        typer.echo(f"  in the LLaMA-Factory YAML: dataset_dir: {path.parent.resolve()}")


@app.command("families")
def families_command() -> None:
    """List the registered design families with their level."""
    from chisellm.data.families import FAMILIES

    for name, family in sorted(FAMILIES.items(), key=lambda kv: (kv[1].level, kv[0])):
        typer.echo(f"{family.level:<5} {name}{'  (held out)' if family.held_out else ''}")
