"""`chisellm train CONFIG.yaml [key=value ...]` and `chisellm monitor OUTPUT_DIR`."""

from __future__ import annotations

from pathlib import Path

import typer


def train_command(
    config: Path = typer.Argument(..., help="Training YAML (e.g. configs/train/tiny.yaml)."),
    overrides: list[str] = typer.Argument(None, help="key=value overrides, e.g. learning_rate=1e-4 max_steps=10"),
    gpus: int = typer.Option(1, help="GPUs to train on; above 1 this runs `accelerate launch` with --strategy."),
    strategy: str = typer.Option("ddp", help="ddp, fsdp, zero2 or zero3 (configs/accelerate/)."),
    cpu: bool = typer.Option(False, "--cpu", help="With --gpus N: N CPU processes over gloo (tests the launch)."),
) -> None:
    """Fine-tune a model (LoRA, QLoRA or full) as the YAML says; resumable, logged to TensorBoard and JSONL."""
    import subprocess

    from chisellm.config.train import load_train_config
    from chisellm.train.launch import plan_launch
    from chisellm.utils.extras import require_extra

    train_config = load_train_config(config, overrides or [])
    require_extra("train", "`chisellm train`")
    if train_config.quantization_bit is not None:
        require_extra("quant", f"quantization_bit: {train_config.quantization_bit}")
    if train_config.deepspeed is not None:
        require_extra("deepspeed", f"deepspeed: {train_config.deepspeed}")
    if gpus > 1 or cpu:
        plan = plan_launch(train_config, gpus, strategy, cpu)
        raise typer.Exit(subprocess.run(plan.command(config, overrides or [])).returncode)
    from chisellm.train.recipe import run_training

    run_training(train_config, echo=typer.echo)


def monitor_command(
    output_dir: Path = typer.Argument(..., help="output_dir of a running or finished `chisellm train`."),
    follow: bool = typer.Option(False, "--follow", "-f", help="Refresh until the run finishes."),
    interval: float = typer.Option(10.0, help="Seconds between refreshes with --follow."),
) -> None:
    """Show a run's loss curve, learning rate, GPU memory, step and ETA in the terminal."""
    from chisellm.train.monitor import watch

    watch(output_dir, interval=interval, follow=follow, echo=typer.echo)
