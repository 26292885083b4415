"""Lowering CHIRRTL to Verilog with firtool, with options that keep the output simple for Icarus."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from chisellm.hdl.sandbox import Limits, limited, sandboxed
from chisellm.hdl.toolchain import require_tool

FIRTOOL_OPTIONS = ("-disable-all-randomization", "-strip-debug-info", "--default-layer-specialization=disable",
                   "--lowering-options=disallowLocalVariables,disallowPackedArrays")
_FILE_MARK = re.compile(r"^// ----- 8< ----- FILE \"([^\"]+)\" ----- 8< -----$", re.M)


@dataclass(frozen=True)
class FirtoolOutput:
    ok: bool
    verilog: str = ""
    message: str = ""
    timed_out: bool = False
    resource_limit: bool = False


def run_firtool(firrtl: str, workdir: Path, timeout_s: float, memory_mb: int, sandbox: bool = True) -> FirtoolOutput:
    """Lower `firrtl` to Verilog in `workdir`; keeps the design's files and drops layer (verification) files."""
    firtool = require_tool("firtool").resolve()
    (workdir / "dut.fir").write_text(firrtl, encoding="utf-8")
    argv = [str(firtool), "dut.fir", *FIRTOOL_OPTIONS, "-o", "dut.sv"]
    if sandbox:
        argv = sandboxed(argv, workdir, [firtool.parent])
    argv = limited(argv, Limits(memory_mb=memory_mb, cpu_s=int(timeout_s) + 1))
    try:
        proc = subprocess.run(argv, cwd=workdir, capture_output=True, timeout=timeout_s)
    except subprocess.TimeoutExpired:
        return FirtoolOutput(False, message=f"firtool took longer than {timeout_s:.0f} s", timed_out=True)
    err = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != 0:
        # Killed by a limit (SIGKILL/SIGXCPU/SIGSEGV on allocation failure) rather than a diagnosed error.
        if proc.returncode < 0 or "LLVM ERROR: out of memory" in err or "std::bad_alloc" in err:
            return FirtoolOutput(False, message=f"firtool exceeded its limits ({memory_mb} MiB, {timeout_s:.0f} s): "
                                 f"{_first_error(err) or 'killed'}", resource_limit=True)
        return FirtoolOutput(False, message=_first_error(err) or err[-2000:] or f"firtool exited with {proc.returncode}")
    return FirtoolOutput(True, verilog=design_files((workdir / "dut.sv").read_text(encoding="utf-8", errors="replace")))


def design_files(text: str) -> str:
    """Keep the main output and extra design files (blackboxes), dropping layer files that only `include`."""
    parts = _FILE_MARK.split(text)
    kept = [parts[0]]
    for name, body in zip(parts[1::2], parts[2::2]):
        if not (name.startswith("verification/") or Path(name).name.startswith("layers-")):
            kept.append(body)
    return "\n".join(part.strip("\n") + "\n" for part in kept)


def _first_error(stderr: str) -> str:
    lines = [l for l in stderr.splitlines() if "error:" in l]
    return "\n".join(lines[:5])


def run_firtool_many(firrtls: list[str], workdir: Path, timeout_s: float, memory_mb: int,
                     sandbox: bool = True) -> list[FirtoolOutput]:
    """Lower several circuits in one sandbox (one sandbox start for all); circuit i works in `workdir/i/`."""
    firtool = require_tool("firtool").resolve()
    timeout = shutil.which("timeout") or "timeout"
    for index, firrtl in enumerate(firrtls):
        (workdir / str(index)).mkdir(exist_ok=True)
        (workdir / str(index) / "dut.fir").write_text(firrtl, encoding="utf-8")
    options = " ".join(FIRTOOL_OPTIONS)
    script = (f'for d in "$@"; do "{timeout}" -s KILL {int(timeout_s)} "{firtool}" "$d/dut.fir" {options} -o "$d/dut.sv" '
              f'2> "$d/firtool.err"; echo $? > "$d/firtool.rc"; done')
    argv = ["/bin/sh", "-c", script, "sh", *[str(i) for i in range(len(firrtls))]]
    if sandbox:
        argv = sandboxed(argv, workdir, [firtool.parent, Path(timeout).resolve().parent])
    argv = limited(argv, Limits(memory_mb=memory_mb, cpu_s=int(timeout_s) + 1))
    try:
        subprocess.run(argv, cwd=workdir, capture_output=True, timeout=timeout_s * len(firrtls) + 10)
    except subprocess.TimeoutExpired:
        pass  # circuits without an rc file below are reported as timed out
    return [_collect(workdir / str(i), timeout_s, memory_mb) for i in range(len(firrtls))]


def _collect(folder: Path, timeout_s: float, memory_mb: int) -> FirtoolOutput:
    try:
        code = int((folder / "firtool.rc").read_text().strip())
    except (OSError, ValueError):
        return FirtoolOutput(False, message=f"firtool took longer than {timeout_s:.0f} s", timed_out=True)
    err = (folder / "firtool.err").read_text(encoding="utf-8", errors="replace")
    if code == 137 or code == 124:
        return FirtoolOutput(False, message=f"firtool took longer than {timeout_s:.0f} s", timed_out=True)
    if code != 0:
        if code > 128 or "LLVM ERROR: out of memory" in err or "std::bad_alloc" in err:
            return FirtoolOutput(False, message=f"firtool exceeded its limits ({memory_mb} MiB, {timeout_s:.0f} s): "
                                 f"{_first_error(err) or 'killed'}", resource_limit=True)
        return FirtoolOutput(False, message=_first_error(err) or err[-2000:] or f"firtool exited with {code}")
    return FirtoolOutput(True, verilog=design_files((folder / "dut.sv").read_text(encoding="utf-8", errors="replace")))
