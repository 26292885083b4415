"""VerilogEval v2 spec-to-RTL (NVlabs/verilog-eval, MIT), answered in Chisel: `--suite verilog-eval-v2`.

Each problem is `ProbNNN_name_prompt.txt` (the spec), `_ref.sv` (`RefModule`) and `_test.sv` (a testbench that
drives both modules and prints `Mismatches: N in M samples`). The prompt is the spec plus `INTERFACE_NOTE`;
grading compiles the Chisel answer, lowers `TopModule` to Verilog and runs the upstream testbench. The
project's own answer key lives beside this file: `refs/<id>.scala` (passes) and `wrong/<id>.scala` (a plausible
bug that fails). CARD.md lists which problems may use black boxes and which Chisel cannot express, and why.
"""

from __future__ import annotations

import re
from pathlib import Path

from chisellm.eval.suites.upstream import Upstream, problem_dir
from chisellm.eval.tasks import EvalTask, Requirements
from chisellm.hdl import VerilogEvalBench
from chisellm.utils.errors import ChiselLLMError
from chisellm.utils.io import read_text

NAME = "verilog-eval-v2"
TOP = "TopModule"  # the module every VerilogEval v2 testbench instantiates
LEVEL = "VerilogEval"
ANSWER_KEY = Path(__file__).parent
_PROBLEM_FILE = re.compile(r"Prob\d{3}_\w+_(prompt\.txt|ref\.sv|test\.sv)")

UPSTREAM = Upstream(
    repo="NVlabs/verilog-eval",
    commit="c498220d0a52248f8e3fdffe279075215bde2da6",
    folder="dataset_spec-to-rtl",
    sha256="2bd988e501e8bfac96921a501109fb5b9f6b30662a89470c6ec6b84d0bb1e971",  # 468 files of 156 problems
    is_problem_file=lambda name: bool(_PROBLEM_FILE.fullmatch(name)),
)

# Why the note asks for what it asks (CARD.md says more): the testbenches connect ports by name (`.clk`,
# `.reset`, `.q(q_dut)`), so the answer needs exactly the spec's port names: a `RawModule` with one `IO` per port
# (a `Module` adds `clock`/`reset` ports nobody drives; an `io` bundle prefixes every name with `io_`).
INTERFACE_NOTE = """\
Interface rules (a Verilog testbench instantiates your module and connects its ports by name):
- Write one Scala class `{top}` that extends `RawModule`. Declare every port of the interface above as its own \
`IO(...)` with exactly that name and width, e.g. `val in = IO(Input(UInt(8.W)))`, `val out = IO(Output(Bool()))`. \
Do not wrap ports in an `io` bundle (its ports would be named `io_in`, which the testbench does not connect).
- Declare a clock input as `val clk = IO(Input(Clock()))` and a reset input as `val reset = IO(Input(Bool()))` \
(with the names the interface gives). Build registers inside `withClockAndReset(clk, reset) {{ ... }}` for an \
active-high synchronous reset, `withClockAndReset(clk, areset.asAsyncReset) {{ ... }}` for an asynchronous one, \
or `withClock(clk) {{ ... }}` when there is no reset; an active-low reset is `!resetn`, and a negative-edge \
clock is `(!clk.asUInt.asBool).asClock`.
- Registers have no power-on value: give a register an initial value only through a reset (`RegInit`)."""

BLACKBOX_NOTE = """\
- Chisel has no latches: this problem may use a `BlackBox` with `HasBlackBoxInline` holding plain Verilog (no \
system tasks such as `$display`)."""

INSTRUCTION = """\
Implement the following hardware in Chisel 7 (Scala 2.13, `import chisel3._`, `import chisel3.util._`).

{spec}

{note}
Answer with the code in one ```scala block."""

# Problems whose answer may be a Verilog black box, with the reason (CARD.md lists them too).
BLACKBOX: dict[str, str] = {
    "Prob028_m2014_q4a": "a D latch (level-sensitive storage); Chisel and FIRRTL have no latch",
}

# Problems Chisel cannot express the way the testbench checks them, with the reason. `load` leaves them out
# (every model would fail them); `load_folder` (`--eval-set DIR`) keeps every problem of the folder.
_POWER_ON = ("the reference register has a power-on value (`initial`) that the testbench checks before any clock "
             "edge{extra}; Chisel registers get a value only from a reset, and the interface has none")
UNEXPRESSIBLE: dict[str, str] = {
    "Prob034_dff8": _POWER_ON.format(extra=""),
    "Prob053_m2014_q4d": _POWER_ON.format(extra=", and `out <= in ^ out` stays X forever without it"),
    "Prob071_always_casez": ("the reference's `casez` falls to its default (0) while the input is still X in the "
                             "first sample; every Chisel mux lowers to `?:`, which propagates X"),
    "Prob074_ece241_2014_q4": _POWER_ON.format(extra=" (`reg [2:0] s = 0`), and the XOR state stays X forever without it"),
    "Prob104_mt2015_muxdff": _POWER_ON.format(extra=" (`initial Q = 0`)"),
}

# Problems no answer can pass with the upstream files as they are (left out by `load` too).
UPSTREAM_DEFECTS: dict[str, str] = {
    "Prob099_m2014_q6c": ("the testbench connects ports `Y2` and `Y4`, but the reference and the prompt have `Y1` and "
                          "`Y3`: iverilog rejects the testbench before any answer runs"),
    "Prob151_review2015_fsm": ("the upstream reference uses SystemVerilog enum casts (`States'(...)`) that Icarus "
                               "Verilog 11 cannot compile (our answers pass against a copy with `localparam`s)"),
    "Prob156_review2015_fancytimer": ("the upstream reference uses SystemVerilog enum casts that Icarus Verilog 11 "
                                      "cannot compile (our answers pass against a copy with `localparam`s)"),
}


def load(suite_path: Path | None = None, cache_dir: Path | None = None) -> list[EvalTask]:
    """The suite's problems (from `suite_path`, the cache, or a download of the pinned commit) as eval tasks,
    without those in `UNEXPRESSIBLE` and `UPSTREAM_DEFECTS`."""
    return [t for t in load_folder(problem_dir(UPSTREAM, suite_path, cache_dir)) if t.id not in UNEXPRESSIBLE and t.id not in UPSTREAM_DEFECTS]


def load_folder(folder: Path) -> list[EvalTask]:
    """Read a VerilogEval v2 spec-to-RTL folder; every `*_prompt.txt` needs its `_ref.sv` and `_test.sv`.

    References come from `refs/` beside the problem files when that folder exists (a suite of your own),
    else from the project's answer key for the upstream problems.
    """
    key = answer_key(folder)
    tasks = []
    for prompt_file in sorted(folder.glob("*_prompt.txt")):
        stem = prompt_file.name[: -len("_prompt.txt")]
        ref_file, test_file = folder / f"{stem}_ref.sv", folder / f"{stem}_test.sv"
        for needed in (ref_file, test_file):
            if not needed.exists():
                raise ChiselLLMError(f"{needed}: missing (every *_prompt.txt needs _ref.sv and _test.sv)",
                                     hint="copy the whole VerilogEval dataset folder")
        oracle = key / "refs" / f"{stem}.scala"
        blackbox = stem in BLACKBOX
        note = INTERFACE_NOTE.format(top=TOP) + ("\n" + BLACKBOX_NOTE if blackbox else "")
        tasks.append(EvalTask(
            id=stem,
            level=LEVEL,
            category="spec-to-rtl",
            instruction=INSTRUCTION.format(spec=read_text(prompt_file).strip(), note=note),
            input="",
            module_name=TOP,
            reference_code=read_text(oracle) if oracle.exists() else None,
            requires=Requirements(compile=True, elaborate=True, simulate=True),
            bench=VerilogEvalBench(read_text(ref_file), read_text(test_file)),
            task="spec2rtl",
            allow_blackbox=blackbox,
        ))
    return tasks


def answer_key(folder: Path) -> Path:
    """The folder holding `refs/` and `wrong/` for the problems in `folder`."""
    return folder if (folder / "refs").is_dir() else ANSWER_KEY


def wrong_answers(suite_path: Path | None = None, cache_dir: Path | None = None) -> dict[str, str]:
    """Task id -> the answer key's wrong answer, for every problem of the suite that has one."""
    key = answer_key(problem_dir(UPSTREAM, suite_path, cache_dir))
    return {path.stem: read_text(path) for path in sorted((key / "wrong").glob("*.scala"))}
