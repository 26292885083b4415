"""Run an RTLLM testbench on Verilog with Icarus, unsandboxed: for validating our own reference and wrong
answers (`scripts/validate_rtllm.py`) until the engine grades RTLLM benches in its sandbox."""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from chisellm.eval.suites.rtllm_bench import RtllmBench, judge_run
from chisellm.hdl.toolchain import require_tool

DUT_FILE = "dut.v"


@dataclass(frozen=True)
class BenchRun:
    """One testbench run: whether it passed, and why not."""

    passed: bool
    output: str
    stage: str  # "iverilog", "vvp" or "timeout": where it stopped; "vvp" when it ran to the end


def run_bench(verilog: str, bench: RtllmBench, timeout_s: float = 60.0) -> BenchRun:
    """Compile `verilog` with the bench's testbench (`iverilog -g2012`), run it (`vvp`) next to its data files,
    and judge the output with the bench's pass criterion."""
    iverilog, vvp = str(require_tool("iverilog")), str(require_tool("vvp"))
    with tempfile.TemporaryDirectory(prefix="chisellm-rtllm-") as tmp:
        work = Path(tmp)
        (work / DUT_FILE).write_text(verilog)
        (work / "testbench.v").write_text(bench.testbench)
        for name, text in bench.data_files:
            (work / name).write_text(text)
        try:
            comp = subprocess.run([iverilog, "-g2012", "-o", "sim", DUT_FILE, "testbench.v"], cwd=work,
                                  capture_output=True, text=True, timeout=timeout_s)
            if comp.returncode != 0:
                return BenchRun(False, comp.stdout + comp.stderr, "iverilog")
            run = subprocess.run([vvp, "-n", "sim"], cwd=work, capture_output=True, text=True, timeout=timeout_s)
        except subprocess.TimeoutExpired as exc:
            return BenchRun(False, f"timed out after {timeout_s:.0f} s: {exc.cmd[0]}", "timeout")
        output = run.stdout + run.stderr
        return BenchRun(judge_run(output, bench.criterion, run.returncode), output, "vvp")
