"""`chisellm env`: every version that matters for a bug report."""

from __future__ import annotations

import importlib.metadata
import platform
import sys

import typer

PACKAGES = ("torch", "transformers", "peft", "trl", "accelerate", "datasets", "bitsandbytes", "tokenizers", "vllm")


def env_command() -> None:
    """Print the versions of Python, Java, Chisel, Scala, firtool, iverilog, verilator, the ML stack and the GPU."""
    from chisellm import __version__
    from chisellm.hdl import toolchain

    rows = [
        ("chisellm", __version__),
        ("platform", platform.platform()),
        ("python", sys.version.split()[0]),
        ("java", toolchain.tool_version("java")),
        ("chisel", toolchain.CHISEL_VERSION),
        ("scala", toolchain.SCALA_VERSION),
        ("firtool", toolchain.tool_version("firtool")),
        ("iverilog", toolchain.tool_version("iverilog")),
        ("verilator", toolchain.tool_version("verilator")),
        ("bwrap", toolchain.tool_version("bwrap")),
    ]
    for name in PACKAGES:
        try:
            rows.append((name, importlib.metadata.version(name)))
        except importlib.metadata.PackageNotFoundError:
            rows.append((name, "not installed"))
    rows.append(("gpu", _gpu()))
    from chisellm.utils.table import render_table

    typer.echo(render_table(("component", "version"), rows, left_columns=2))


def _gpu() -> str:
    try:
        import torch
    except ImportError:
        return "unknown (torch not installed)"
    if not torch.cuda.is_available():
        return "none visible"
    names = [torch.cuda.get_device_name(i) for i in range(torch.cuda.device_count())]
    return ", ".join(names)
