"""Entry point of the `chisellm` command. Command groups register here; each keeps its heavy imports inside
its commands so that `chisellm --help` starts instantly."""

from __future__ import annotations

import logging
import sys

import typer

from chisellm.cli import data
from chisellm.cli import agent, bench, env, serve, setup, verify
from chisellm.cli import eval as eval_cli
from chisellm.cli import export
from chisellm.cli import train as train_cli
from chisellm.utils.errors import ChiselLLMError

app = typer.Typer(
    name="chisellm",
    help="Teach code LLMs to write Chisel: verify, build data, train, export, evaluate.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("verify")(verify.verify_command)
app.command("env")(env.env_command)
app.command("setup")(setup.setup_command)
app.add_typer(bench.app, name="bench")
app.add_typer(data.app, name="data")
app.command("train")(train_cli.train_command)
app.command("monitor")(train_cli.monitor_command)
app.command("export")(export.export_command)
app.add_typer(eval_cli.app, name="eval")
app.command("agent")(agent.agent_command)
app.command("serve")(serve.serve_command)


def _print_version(value: bool) -> None:
    if value:
        from chisellm import __version__

        typer.echo(f"chisellm {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Teach code LLMs to write Chisel: verify, build data, train, export, evaluate."""


# bitsandbytes (imported by peft on every train/export/eval) warns on CPUs with AVX512-BF16 that it could not
# fetch an optional kernel from a model hub; we never use 4-bit on a CPU, so that warning is noise.
QUIET_LOGGERS = ("bitsandbytes.backends.cpu.ops",)


def main() -> None:
    """Run the CLI, turning a `ChiselLLMError` into a short message and exit status 2."""
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        app()
    except ChiselLLMError as exc:
        typer.secho(f"error: {exc.message}", fg="red", err=True)
        if exc.hint:
            typer.echo(f"  fix: {exc.hint}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
