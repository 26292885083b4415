"""RTLLM 2.0 (hkust-zhiyao/RTLLM) answered in Chisel: read an upstream folder into eval tasks, and judge a
testbench run.

An RTLLM folder holds one directory per design (under category folders), each with `design_description.txt`,
`testbench.v`, sometimes data files the testbench reads (`$readmemh`, `$fopen`), a `verified_*.v` and a VCS
makefile. Nothing upstream is copied into this project: the prompt and the bench are read from the folder at
run time. What the testbench expects of the design (its top module, the data files it opens, the line it
prints on success) is derived from the testbench text itself, so a new upstream design needs no table entry.
"""

from __future__ import annotations

import re
from pathlib import Path

from dataclasses import dataclass

from chisellm.eval.tasks import EvalTask, Requirements
from chisellm.hdl import RtllmBench
from chisellm.utils.errors import ChiselLLMError



@dataclass(frozen=True)
class PassCriterion:
    """How a run of one RTLLM testbench is judged: the line it prints only on success, and the leading text of
    its failure lines."""

    pass_line: str
    fail_markers: tuple[str, ...]


RTLLM_LEVEL = "RTLLM"
DESCRIPTION_FILE = "design_description.txt"
TESTBENCH_FILE = "testbench.v"
_SUITE_DIR = Path(__file__).resolve().parent / "rtllm_v2"
REFS_DIR = _SUITE_DIR / "refs"
WRONG_DIR = _SUITE_DIR / "wrong"

INTERFACE_NOTE = """\
Write this design in Chisel 7 (Scala 2.13, `import chisel3._`, `import chisel3.util._`). Its Verilog will be \
simulated with the original Verilog testbench, so the interface must match it exactly:
- one top class named `{top}` that extends `RawModule` (helper modules of your own are fine);
- every port its own `val name = IO(Input(...))` or `IO(Output(...))` with exactly the name and width the \
description gives (no `io` bundle, no `io_` prefix); {ports};
- a clock port is `Input(Clock())`; registers live inside `withClockAndReset(clk, ...)` with the reset as the \
description defines it: `(!rst_n).asAsyncReset` for an asynchronous active-low reset, `rst.asAsyncReset` for an \
asynchronous active-high one, the plain `Bool` for a synchronous one (asynchronously reset registers need \
constant reset values); logic on the falling edge uses `(!clk.asBool).asClock`;
- parameters become constructor arguments with the description's values as defaults: `{top}` is elaborated \
with the defaults and the testbench's parameter overrides are ignored.
Answer with the code in one ```scala block."""

# Designs left out of the suite, with the reason (card.md has the details); every other design has a reference
# answer that passes its testbench and a wrong answer that fails it.
# Designs whose answer may be a Verilog black box, with the reason (the card lists them too).
BLACKBOX: dict[str, str] = {
    "clkgenerator": "a free-running clock needs `#` delays, which Chisel cannot describe",
}

EXCLUDED: dict[str, str] = {
    "asyn_fifo": "the testbench uses SystemVerilog `break`, which Icarus Verilog 11 cannot compile",
    "ring_counter": "the testbench initialises an unpacked array with `= {...}`, which Icarus Verilog 11 cannot compile",
    "fixed_point_adder": "degenerate testbench: `$random % (1 << 32)` makes every input x, so any design passes",
    "fixed_point_substractor": "degenerate testbench: `$random % (1 << 32)` makes every input x, so any design passes",
    "square_wave": "degenerate testbench: the design has no reset, its registers stay x, and the only check "
                   "(no more than 8 ones in a row) passes any output that is never 1",
}

# Testbenches that connect ports by position: the order their ports must be declared in. (Named connections
# are read from the testbench itself.)
POSITIONAL_PORTS: dict[str, tuple[str, ...]] = {
    "LFSR": ("out", "clk", "rst"),
    "alu": ("a", "b", "aluc", "r", "zero", "carry", "negative", "overflow", "flag"),
    "float_multi": ("clk", "rst", "a", "b", "z"),
    "pe": ("clk", "rst", "a", "b", "c"),
}

_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
_DISPLAY = re.compile(r"\$display\s*\(\s*\"((?:[^\"\\]|\\.)*)\"")
_FILE_LITERAL = re.compile(r"\"([\w.-]+\.(?:txt|dat|hex|mem|bin))\"")
_INSTANCE = re.compile(r"^\s*([A-Za-z_]\w*)(?:\s*#\s*\((?:[^()]|\([^()]*\))*\))?\s+([A-Za-z_]\w*)\s*\(", re.M)
_NOT_MODULES = {"module", "initial", "always", "assign", "if", "else", "for", "while", "repeat", "forever", "wait",
                "begin", "end", "case", "task", "function", "reg", "wire", "integer", "input", "output", "inout",
                "parameter", "localparam", "genvar", "generate", "logic", "real", "time", "return", "disable"}


def pass_criterion(testbench: str, where: str = TESTBENCH_FILE) -> PassCriterion:
    """Derive the pass criterion from a testbench's `$display` literals.

    The pass line is the one literal containing `Passed` (there must be exactly one); failure markers are the
    leading text (before the first `%` format) of every literal that says `fail` or `error`.

    Raises:
        ChiselLLMError: when no or several literals say `Passed`.
    """
    literals = _DISPLAY.findall(_COMMENT.sub("", testbench))
    passing = sorted({text.strip() for text in literals if "Passed" in text})
    if len(passing) != 1:
        raise ChiselLLMError(f"{where}: expected one `$display(\"...Passed...\")` line, found {len(passing)}",
                             hint="RTLLM testbenches print one pass message; check that this is an RTLLM testbench")
    markers = sorted({text.split("%")[0].strip() for text in literals
                      if "Passed" not in text and re.search(r"fail|error", text, re.I)})
    # A marker that begins the pass line too (`=====` alone) would fail every run: such a literal is no marker.
    return PassCriterion(pass_line=passing[0],
                         fail_markers=tuple(m for m in markers if m and not passing[0].startswith(m)))


def instantiated_top(testbench: str, where: str = TESTBENCH_FILE) -> str:
    """The one module type the testbench instantiates.

    Raises:
        ChiselLLMError: when it instantiates none or several.
    """
    code = _COMMENT.sub("", testbench)
    tops = {m.group(1) for m in _INSTANCE.finditer(code)
            if m.group(1) not in _NOT_MODULES and m.group(2) not in _NOT_MODULES}
    if len(tops) != 1:
        raise ChiselLLMError(f"{where}: expected one instantiated design, found {sorted(tops) or 'none'}",
                             hint="RTLLM testbenches instantiate exactly one design module")
    return tops.pop()


def connected_ports(testbench: str, top: str) -> tuple[str, ...]:
    """The port names the testbench connects by name (`.clk(clk)`) on its instance of `top`; empty when it
    connects them by position."""
    code = _COMMENT.sub("", testbench)
    for match in _INSTANCE.finditer(code):
        if match.group(1) == top:  # the match ends at the port list's `(`, after any `#(...)` parameters
            end = code.find(";", match.end())
            return tuple(re.findall(r"\.\s*([A-Za-z_]\w*)\s*\(", code[match.end():end if end >= 0 else None]))
    return ()


def ports_sentence(design: str, testbench: str, top: str) -> str:
    """The interface note's line on ports: which names the testbench connects, or the order it expects."""
    named = connected_ports(testbench, top)
    if named:
        return "the testbench connects the ports " + ", ".join(f"`{p}`" for p in named) + " by name"
    order = POSITIONAL_PORTS.get(design)
    if order:
        return ("the testbench connects the ports by position, so declare them in this order: "
                + ", ".join(f"`{p}`" for p in order))
    return "the testbench connects the ports by position, so declare them in the order the description lists them"


def data_file_names(testbench: str) -> tuple[str, ...]:
    """Names of the data files the testbench's code (not its comments) mentions, e.g. `$readmemh("tri_gen.txt")`."""
    return tuple(sorted(set(_FILE_LITERAL.findall(_COMMENT.sub("", testbench)))))


def load_rtllm_design(folder: Path, root: Path | None = None) -> EvalTask:
    """Read one design folder into an eval task (reference answer from `refs/<design>.scala` when shipped).

    Raises:
        ChiselLLMError: for a missing file, a testbench whose top or pass line cannot be found, or a data file
            the testbench reads that is not in the folder.
    """
    description_file, testbench_file = folder / DESCRIPTION_FILE, folder / TESTBENCH_FILE
    for needed in (description_file, testbench_file):
        if not needed.is_file():
            raise ChiselLLMError(f"{needed}: missing (every RTLLM design needs {DESCRIPTION_FILE} and {TESTBENCH_FILE})",
                                 hint="point --suite-path at a complete RTLLM 2.0 checkout")
    testbench = testbench_file.read_text(encoding="utf-8", errors="replace")
    top = instantiated_top(testbench, str(testbench_file))
    data = []
    for name in data_file_names(testbench):
        path = folder / name
        if not path.is_file():
            raise ChiselLLMError(f"{testbench_file}: reads `{name}`, which is not in {folder}",
                                 hint="copy the design folder with its data files")
        data.append((name, path.read_text(encoding="utf-8", errors="replace")))
    design = folder.name
    criterion = pass_criterion(testbench, str(testbench_file))
    root_module = re.search(r"^\s*module\s+(\w+)", _COMMENT.sub("", testbench), re.M)
    bench = RtllmBench(testbench=testbench, pass_line=criterion.pass_line, fail_markers=criterion.fail_markers,
                       data_files=tuple(data), root=root_module.group(1) if root_module else "testbench")
    description = description_file.read_text(encoding="utf-8", errors="replace").strip()
    relative = folder.relative_to(root).parts if root is not None and folder != root else (design,)
    ref = REFS_DIR / f"{design}.scala"
    return EvalTask(
        id=f"rtllm-{design}",
        level=RTLLM_LEVEL,
        category=relative[0] if len(relative) > 1 else "uncategorized",
        instruction=f"{description}\n\n{INTERFACE_NOTE.format(top=top, ports=ports_sentence(design, testbench, top))}",
        input="",
        module_name=top,
        reference_code=ref.read_text(encoding="utf-8") if ref.is_file() else None,
        requires=Requirements(compile=True, elaborate=True, simulate=True),
        bench=bench,
        task="spec2rtl",
        allow_blackbox=design in BLACKBOX,
    )


def design_folders(root: Path) -> list[Path]:
    """Every folder under `root` (or `root` itself) holding a `design_description.txt`, sorted by path."""
    if (root / DESCRIPTION_FILE).is_file():
        return [root]
    return sorted(p.parent for p in root.rglob(DESCRIPTION_FILE))


def load_rtllm_suite(root: str | Path, include_excluded: bool = False) -> list[EvalTask]:
    """Read an RTLLM 2.0 folder (or one design folder) into eval tasks, skipping `EXCLUDED` designs.

    Raises:
        ChiselLLMError: for a missing folder, a folder with no designs, a malformed design or two designs with
            the same folder name.
    """
    root = Path(root)
    if not root.is_dir():
        raise ChiselLLMError(f"{root}: RTLLM folder not found",
                             hint="pass a checkout of hkust-zhiyao/RTLLM with --suite-path")
    folders = design_folders(root)
    if not folders:
        raise ChiselLLMError(f"{root}: no design folders (none holds {DESCRIPTION_FILE})",
                             hint="pass the root of an RTLLM 2.0 checkout with --suite-path")
    tasks, seen = [], {}
    for folder in folders:
        if folder.name in seen:
            raise ChiselLLMError(f"{folder}: design name `{folder.name}` also used by {seen[folder.name]}",
                                 hint="every RTLLM design folder needs a unique name")
        seen[folder.name] = folder
        if folder.name in EXCLUDED and not include_excluded:
            continue
        tasks.append(load_rtllm_design(folder, root))
    return tasks


UPSTREAM_REPO, UPSTREAM_COMMIT = "hkust-zhiyao/RTLLM", "41b26896e33b536940116a975626455eed3de65e"


def load(suite_path: Path | None = None, cache_dir: Path | None = None) -> list[EvalTask]:
    """The suite's designs (from `suite_path`) as eval tasks, without those in `EXCLUDED`."""
    if suite_path is None:
        raise ChiselLLMError("rtllm-v2 reads its designs from a local checkout (no automatic download yet)",
                             hint=f"clone {UPSTREAM_REPO}, check out {UPSTREAM_COMMIT[:12]} and pass --suite-path DIR")
    return load_rtllm_suite(suite_path)


def wrong_answers(suite_path: Path | None = None, cache_dir: Path | None = None) -> dict[str, str]:
    """Task id -> the answer key's wrong answer, for every design that has one."""
    return {f"rtllm-{path.stem}": path.read_text(encoding="utf-8") for path in sorted(WRONG_DIR.glob("*.scala"))}
