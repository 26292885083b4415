"""`chisellm train CONFIG.yaml [key=value ...]` and `chisellm monitor OUTPUT_DIR`."""

from __future__ import annotations

from pathlib import Path

import typer


def train_command(
    config: Path = typer.Argument(..., help="Training YAML (e.g. configs/train/tiny.yaml)."),
    overrides: list[str] = typer.Argument(None, help="key=value overrides, e.g. learning_rate=1e-4 max_steps=10"),
) -> None:
    """Fine-tune a model (LoRA, QLoRA or full) as the YAML says; resumable, logged to TensorBoard and JSONL."""
    from chisellm.config.train import load_train_config
    from chisellm.utils.extras import require_extra

    settings = load_train_config(config, overrides or [])
    require_extra("train", "`chisellm train`")
    if settings.quantization_bit is not None:
        require_extra("quant", f"quantization_bit: {settings.quantization_bit}")
    if settings.deepspeed is not None:
        require_extra("deepspeed", f"deepspeed: {settings.deepspeed}")
    from chisellm.train.recipe import run_training

    run_training(settings, echo=typer.echo)


def monitor_command(
    output_dir: Path = typer.Argument(..., help="output_dir of a running or finished `chisellm train`."),
    follow: bool = typer.Option(False, "--follow", "-f", help="Refresh until the run finishes."),
    interval: float = typer.Option(10.0, help="Seconds between refreshes with --follow."),
) -> None:
    """Show a run's loss curve, learning rate, GPU memory, step and ETA in the terminal."""
    from chisellm.train.monitor import watch

    watch(output_dir, interval=interval, follow=follow, echo=typer.echo)
