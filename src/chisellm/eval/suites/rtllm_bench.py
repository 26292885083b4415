"""What an RTLLM 2.0 check is and how its testbench run is judged (pure; no toolchain).

The engine runs the candidate's Verilog with the upstream testbench; `judge_run` turns the run's output into a
pass or a fail. These types are plain data so that the engine can take them as it takes `VerilogEvalBench`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PassCriterion:
    """How a run of one RTLLM testbench is judged.

    Attributes:
        pass_line: The text the testbench displays only when the design passed (the `$display` literal, spaces
            kept), e.g. `===========Your Design Passed===========`.
        fail_markers: Leading text of the testbench's failure displays (`Test failed:`, `===========Error`...);
            a run that prints any of them failed even if it also printed the pass line (ring_counter prints
            its pass line unconditionally).
    """

    pass_line: str
    fail_markers: tuple[str, ...]


@dataclass(frozen=True)
class RtllmBench:
    """An RTLLM check: the candidate's Verilog, the upstream testbench and the data files it reads, compiled
    together with `iverilog -g2012` and run with `vvp` in one folder; judged by `criterion`.

    Attributes:
        design: The design's folder name, e.g. `multi_pipe_4bit`.
        top: The module the testbench instantiates, e.g. `multi_pipe_4bit`.
        testbench: The text of `testbench.v`.
        data_files: (file name, text) of every data file the testbench opens, to place next to it.
        criterion: How the run's output is judged.
    """

    design: str
    top: str
    testbench: str
    data_files: tuple[tuple[str, str], ...]
    criterion: PassCriterion


def judge_run(output: str, criterion: PassCriterion, exit_code: int = 0) -> bool:
    """Whether a testbench run passed: it exited normally, printed the pass line, and printed no failure."""
    if exit_code != 0:
        return False
    lines = [line.strip() for line in output.splitlines()]
    if criterion.pass_line not in lines:
        return False
    return not any(line.startswith(marker) for line in lines for marker in criterion.fail_markers)
