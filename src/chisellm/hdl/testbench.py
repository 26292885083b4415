"""Generating the self-checking Verilog testbench and its vector files from `Vectors`.

The testbench reads stimulus, expected values and a care mask with `$readmemh` (any width), applies one
stimulus row per cycle, waits for logic to settle, compares every cared output bit (an x or z on a cared bit
is a mismatch), prints the first mismatch per port, counts mismatching cycles, then clocks the DUT.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from chisellm.hdl.vectors import Port, Vectors

MISMATCH_TAG = "CHISELLM_MISMATCH"
DONE_TAG = "CHISELLM_DONE"


@dataclass(frozen=True)
class DutPort:
    name: str
    direction: str
    width: int


def parse_ports(verilog: str, top: str) -> list[DutPort] | None:
    """The ports of module `top` in firtool's ANSI-style header, or None if the module is absent."""
    match = re.search(rf"^module\s+{re.escape(top)}\s*\((.*?)\);", verilog, re.S | re.M)
    if match is None:
        return None
    ports, direction, width = [], "input", 1
    for raw in match.group(1).split(","):
        tokens = raw.split("//")[0].split()
        if not tokens:
            continue
        if tokens[0] in ("input", "output", "inout"):
            direction, tokens, width = tokens[0], tokens[1:], 1
            if tokens and tokens[0] in ("wire", "logic", "reg"):
                tokens = tokens[1:]
            if tokens and tokens[0] == "signed":
                tokens = tokens[1:]
            if tokens and tokens[0].startswith("["):
                hi, lo = re.match(r"\[(\d+):(\d+)\]", tokens[0]).groups()
                width, tokens = int(hi) - int(lo) + 1, tokens[1:]
        if tokens:
            ports.append(DutPort(tokens[-1], direction, width))
    return ports


def interface_problems(dut: list[DutPort], vectors: Vectors) -> list[str]:
    """Differences between the DUT's ports and the ports the vectors drive and check."""
    by_name = {p.name: p for p in dut}
    problems = []
    for port, direction in [(p, "input") for p in vectors.inputs] + [(p, "output") for p in vectors.outputs]:
        found = by_name.get(port.name)
        if found is None:
            problems.append(f"the module has no {direction} port `{port.name}`")
        elif found.direction != direction:
            problems.append(f"port `{port.name}` is an {found.direction}, the spec says {direction}")
        elif found.width != port.width:
            problems.append(f"port `{port.name}` is {found.width} bits wide, the spec says {port.width}")
    driven = {p.name for p in vectors.inputs} | {"clock", "reset"}
    for port in dut:
        if port.direction == "input" and port.name not in driven:
            problems.append(f"input `{port.name}` is not in the spec (the module has an extra port)")
    return problems


def write_vector_files(vectors: Vectors, workdir: Path) -> None:
    """stim.hex, exp.hex and care.hex: one packed word per cycle, first port in the most significant bits."""
    def pack(values, ports: tuple[Port, ...]) -> tuple[int, int]:
        word, care = 0, 0
        for value, port in zip(values, ports):
            word <<= port.width
            care <<= port.width
            if value is not None:
                word |= value & ((1 << port.width) - 1)
                care |= (1 << port.width) - 1
        return word, care

    stim, exp, care = [], [], []
    for inputs, outputs in zip(vectors.stimulus, vectors.expected):
        stim.append(f"{pack(inputs, vectors.inputs)[0]:x}" if vectors.inputs else "0")
        word, mask = pack(outputs, vectors.outputs)
        exp.append(f"{word:x}")
        care.append(f"{mask:x}")
    for name, rows in (("stim.hex", stim), ("exp.hex", exp), ("care.hex", care)):
        (workdir / name).write_text("\n".join(rows) + "\n")


def render_testbench(vectors: Vectors, top: str, dut: list[DutPort], index: int | None = None, token: str = "0",
                     dump: bool = False) -> str:
    """Verilog source of the testbench module `chisellm_tb`. Its own signals are named `chisellm_*` so that no
    DUT port name (`e`, `i`, `done`, ...) can collide with them.

    With `index` (several candidates simulated in one run), the module is `chisellm_tb_<index>`, it reads its
    vector files from folder `<index>/`, instantiates `c<index>_<top>`, tags its report lines with the index,
    and raises `chisellm_done` instead of calling `$finish`. Report lines are `CHISELLM_DONE_<token> ...` and
    `CHISELLM_MISMATCH_<token> ...`, with the run's own token; `dump` writes `wave.vcd`."""
    n = vectors.cycles
    in_bits = max(1, sum(p.width for p in vectors.inputs))
    out_bits = sum(p.width for p in vectors.outputs)
    has = {p.name for p in dut}
    driven = {p.name for p in vectors.inputs}
    checked = {p.name for p in vectors.outputs}
    suffix, files, dut_name = ("", "", top) if index is None else (f"_{index}", f"{index}/", f"c{index}_{top}")
    tag = f"_{token}" if index is None else f"_{token} {index}"
    lines = ["`timescale 1ns/1ps", f"module chisellm_tb{suffix};", "  reg clock = 1'b0;", "  reg chisellm_done = 1'b0;"]
    if "reset" in has and "reset" not in driven:
        lines.append("  reg reset = 1'b0;")
    lines += [f"  reg [{p.width - 1}:0] {p.name};" for p in vectors.inputs]
    lines += [f"  wire [{p.width - 1}:0] {p.name};" for p in vectors.outputs]
    lines += [
        f"  reg [{in_bits - 1}:0] chisellm_stim [0:{n - 1}];",
        f"  reg [{out_bits - 1}:0] chisellm_expv [0:{n - 1}];",
        f"  reg [{out_bits - 1}:0] chisellm_care [0:{n - 1}];",
        f"  reg [{out_bits - 1}:0] chisellm_e, chisellm_c;",
        "  reg chisellm_bad;",
        "  integer chisellm_i, chisellm_errors;",
    ]
    connections = [f".{p.name}({p.name})" for p in dut if p.name in driven or p.name in checked or p.name in ("clock", "reset")]
    lines.append(f"  {dut_name} chisellm_dut ({', '.join(connections)});")
    if dump:
        lines += ["  initial begin", '    $dumpfile("wave.vcd");', f"    $dumpvars(0, chisellm_tb{suffix});", "  end"]
    lines += ["  initial begin",
              f'    $readmemh("{files}stim.hex", chisellm_stim);',
              f'    $readmemh("{files}exp.hex", chisellm_expv);',
              f'    $readmemh("{files}care.hex", chisellm_care);',
              "    chisellm_errors = 0;",
              f"    for (chisellm_i = 0; chisellm_i < {n}; chisellm_i = chisellm_i + 1) begin"]
    if vectors.inputs:
        lines.append(f"      {{{', '.join(p.name for p in vectors.inputs)}}} = chisellm_stim[chisellm_i];")
    lines += ["      #1;", "      chisellm_e = chisellm_expv[chisellm_i];", "      chisellm_c = chisellm_care[chisellm_i];",
              "      chisellm_bad = 0;"]
    # Per-port slices of the packed expected word, most significant port first.
    offset = out_bits
    for port in vectors.outputs:
        hi, lo = offset - 1, offset - port.width
        offset = lo
        lines += [
            f"      if ((({port.name} ^ chisellm_e[{hi}:{lo}]) & chisellm_c[{hi}:{lo}]) !== {port.width}'d0) begin",
            f"        if (chisellm_errors == 0) $display(\"{MISMATCH_TAG}{tag} %0d {port.name} %h %h\", chisellm_i, "
            f"chisellm_e[{hi}:{lo}], {port.name});",
            "        chisellm_bad = 1;",
            "      end"]
    lines.append("      if (chisellm_bad) chisellm_errors = chisellm_errors + 1;")
    if vectors.clocked:
        lines += ["      #1 clock = 1'b1;", "      #1 clock = 1'b0;"]
    else:
        lines.append("      #1;")
    lines += ["    end", f'    $display("{DONE_TAG}{tag} %0d %0d", chisellm_errors, {n});',
              "    $finish;" if index is None else "    chisellm_done = 1'b1;", "  end", "endmodule"]
    return "\n".join(lines) + "\n"


def prefix_modules(verilog: str, prefix: str) -> str:
    """Rename every module the file declares (and its instantiations) to `prefix + name`, so the designs of
    several candidates can share one simulation. Relies on firtool's regular layout: `module X(` at the
    start of a line and instances as `  X name (`."""
    names = set(re.findall(r"^module\s+(\w+)", verilog, re.M))
    if not names:
        return verilog
    alternatives = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    verilog = re.sub(rf"^module\s+({alternatives})\b", lambda m: f"module {prefix}{m.group(1)}", verilog, flags=re.M)
    return re.sub(rf"^(\s+)({alternatives})(\s+\w+\s*\()", lambda m: f"{m.group(1)}{prefix}{m.group(2)}{m.group(3)}",
                  verilog, flags=re.M)
