"""Lowering CHIRRTL to Verilog with firtool, with options that keep the output simple for Icarus."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from chisellm.hdl.sandbox import Limits, Mount, Sandbox, own_workdir, run
from chisellm.hdl.toolchain import require_tool

FIRTOOL_OPTIONS = ("-disable-all-randomization", "-strip-debug-info", "--default-layer-specialization=disable",
                   "--lowering-options=disallowLocalVariables,disallowPackedArrays")
FIRTOOL_MOUNT = "/chisellm/firtool"
_FILE_MARK = re.compile(r"^// ----- 8< ----- FILE \"([^\"]+)\" ----- 8< -----$", re.M)


@dataclass(frozen=True)
class FirtoolOutput:
    ok: bool
    verilog: str = ""
    message: str = ""
    timed_out: bool = False
    resource_limit: bool = False


def run_firtool(firrtl: str, workdir: Path, timeout_s: float, memory_mb: int) -> FirtoolOutput:
    """Lower one circuit in `workdir` (see `run_firtool_many`)."""
    return run_firtool_many([firrtl], workdir, timeout_s, memory_mb)[0]


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


def run_firtool_many(firrtls: list[str], workdir: Path, timeout_s: float, memory_mb: int) -> list[FirtoolOutput]:
    """Lower several circuits in one sandbox (one sandbox start for all); circuit i works in `workdir/i/`.

    The circuits have passed `integrity.check_firrtl`, so none names a file for firtool to read (black-box
    paths are refused there); the sandbox sees only this folder, firtool and /usr."""
    firtool = require_tool("firtool").resolve()
    box_dir = workdir / "box"
    box_dir.mkdir(exist_ok=True)
    for index, firrtl in enumerate(firrtls):
        folder = box_dir / str(index)
        folder.mkdir(exist_ok=True)
        (folder / "dut.fir").write_text(firrtl, encoding="utf-8")
    own_workdir(box_dir)
    tool = f"{FIRTOOL_MOUNT}/{firtool.name}"
    options = " ".join(FIRTOOL_OPTIONS)
    script = (f'for d in "$@"; do timeout -s KILL {int(timeout_s)} "{tool}" "$d/dut.fir" {options} -o "$d/dut.sv" '
              f'2> "$d/firtool.err"; echo $? > "$d/firtool.rc"; done')
    box = Sandbox(mounts=(Mount(firtool.parent, FIRTOOL_MOUNT),), workdir=box_dir,
                  limits=Limits(memory_mb=memory_mb, cpu_s=int(timeout_s * len(firrtls)) + 1))
    capture = workdir / "firtool-capture"
    capture.mkdir(exist_ok=True)
    run(["/bin/sh", "-c", script, "sh", *[str(i) for i in range(len(firrtls))]], box,
        timeout_s * len(firrtls) + 10, capture, max_output_mb=1)
    return [_collect(box_dir / str(i), timeout_s, memory_mb) for i in range(len(firrtls))]


def _collect(folder: Path, timeout_s: float, memory_mb: int) -> FirtoolOutput:
    try:
        code = int((folder / "firtool.rc").read_text().strip())
    except (OSError, ValueError):
        return FirtoolOutput(False, message=f"firtool took longer than {timeout_s:.0f} s", timed_out=True)
    err = (folder / "firtool.err").read_text(encoding="utf-8", errors="replace")
    if code in (124, 137):
        return FirtoolOutput(False, message=f"firtool took longer than {timeout_s:.0f} s", timed_out=True)
    if code != 0:
        if code > 128 or "LLVM ERROR: out of memory" in err or "std::bad_alloc" in err:
            return FirtoolOutput(False, message=f"firtool exceeded its limits ({memory_mb} MiB, {timeout_s:.0f} s): "
                                 f"{_first_error(err) or 'killed'}", resource_limit=True)
        return FirtoolOutput(False, message=_first_error(err) or err[-2000:] or f"firtool exited with {code}")
    return FirtoolOutput(True, verilog=design_files((folder / "dut.sv").read_text(encoding="utf-8", errors="replace")))
