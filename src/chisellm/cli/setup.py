"""`chisellm setup`: install the Chisel toolchain for a pip-installed chisellm and name the missing apt packages."""

from __future__ import annotations

from pathlib import Path

import typer


def setup_command(
    dest: Path | None = typer.Option(None, "--dest", help="Install here instead of the default toolchain folder."),
    check: bool = typer.Option(False, "--check", help="Only report what is missing; install nothing."),
) -> None:
    """Fetch the pinned Chisel/Scala jars and firtool with Maven, build the compile server, and tell which apt
    packages (iverilog, verilator, bubblewrap, a JDK, maven) are still missing."""
    from chisellm.hdl import toolchain
    from chisellm.install import install_toolchain, missing_system_tools

    target = dest or toolchain.toolchain_dir()
    missing = missing_system_tools()
    if missing.packages:
        typer.echo(f"missing programs: {', '.join(missing.programs)}")
        typer.echo(f"  install them with: {missing.apt_command}")
    else:
        typer.echo("system tools: iverilog, vvp, verilator, bwrap, java, mvn, unzip found")
    if check:
        ready = target.joinpath(".stamp").is_file()
        typer.echo(f"toolchain: {'installed' if ready else 'not installed'} in {target}")
        raise typer.Exit(0 if ready and not missing.packages else 1)
    install_toolchain(target)
    if dest is not None and dest.resolve() != toolchain.toolchain_dir().resolve():
        typer.echo(f"set CHISELLM_TOOLCHAIN={target} so that chisellm uses it")
