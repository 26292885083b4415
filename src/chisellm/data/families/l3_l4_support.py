"""Text and golden-model helpers shared by the L3 (sequential) and L4 (generator) families.

Not a family: it registers nothing. Golden models here work on Chisel-level port names (`en`, `x` as a
list for a Vec) and a `reset` key; `clocked_vectors` maps them to the Verilog names firtool emits.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import Any

from chisellm.data.families.base import PortSpec, corner_or_random, seq_vectors
from chisellm.hdl.vectors import Port, Vectors

Row = dict[str, Any]  # Chisel-level port name -> int (or list of ints for a Vec); plus "reset"
Step = Callable[[Row], Row]  # one cycle of a golden model: outputs before the edge, then update state


def chisel_type(spec: PortSpec) -> str:
    """The Chisel type expression of a port with literal widths, e.g. `UInt(8.W)` or `Vec(4, SInt(6.W))`."""
    if spec.kind == "Bool":
        return "Bool()"
    scalar = f"SInt({spec.width}.W)" if spec.signed else f"UInt({spec.width}.W)"
    return f"Vec({spec.count}, {scalar})" if spec.kind == "Vec" else scalar


def io_block(specs: Sequence[PortSpec], io_style: str, types: dict[str, str] | None = None) -> str:
    """Port declarations: one `val io = IO(new Bundle {...})` or one `IO(...)` per port (flat).

    Args:
        specs: The ports, in declaration order.
        io_style: "bundle" or "flat".
        types: Chisel type expressions by port name, overriding the literal ones (generators use
            parameter names, e.g. `UInt(width.W)`).
    """
    types = types or {}
    decls = []
    for spec in specs:
        direction = "Input" if spec.direction == "input" else "Output"
        decls.append((spec.name, f"{direction}({types.get(spec.name, chisel_type(spec))})"))
    if io_style == "flat":
        return "".join(f"  val {name} = IO({decl})\n" for name, decl in decls)
    lines = "".join(f"    val {name} = {decl}\n" for name, decl in decls)
    return f"  val io = IO(new Bundle {{\n{lines}  }})\n"


def io_ref(io_style: str) -> str:
    """The prefix that reaches a port in the module body: `io.` for a bundle, nothing for flat ports."""
    return "io." if io_style == "bundle" else ""


def module_source(name: str, io: str, body: str, *, ctor: str = "", preamble: str = "", util: bool = True) -> str:
    """A whole Chisel source: imports, optional top-level definitions, then `class name(ctor) extends Module`."""
    imports = "import chisel3._\n" + ("import chisel3.util._\n" if util else "")
    pre = f"\n{preamble.strip()}\n" if preamble.strip() else ""
    return f"{imports}{pre}\nclass {name}{ctor} extends Module {{\n{io}\n{body.rstrip()}\n}}\n"


def random_rows(specs: Sequence[PortSpec], rng: random.Random, cycles: int = 240, *,
                bias: dict[str, float] | None = None, mid_reset_prob: float = 0.015) -> list[Row]:
    """Chisel-level stimulus: reset in cycle 0 (and rarely later), random inputs otherwise.

    Args:
        specs: All ports (only inputs are driven).
        rng: Random source.
        cycles: Number of cycles.
        bias: Probability of 1 for Bool inputs by name (e.g. {"en": 0.7}).
        mid_reset_prob: Chance of a reset in any cycle after the tenth.
    """
    bias = bias or {}
    rows = []
    for cycle in range(cycles):
        row: Row = {"reset": int(cycle == 0 or (cycle > 10 and rng.random() < mid_reset_prob))}
        for spec in specs:
            if spec.direction != "input":
                continue
            port = Port(spec.name, spec.width, spec.signed)
            if spec.kind == "Vec":
                row[spec.name] = [corner_or_random(port, rng) for _ in range(spec.count)]
            elif spec.name in bias:
                row[spec.name] = int(rng.random() < bias[spec.name])
            else:
                row[spec.name] = corner_or_random(port, rng)
        rows.append(row)
    return rows


def _to_verilog(specs: Sequence[PortSpec], io_style: str, row: Row, direction: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for spec in specs:
        if spec.direction != direction:
            continue
        names = spec.verilog_names(io_style)
        value = row.get(spec.name)
        if spec.kind == "Vec":
            values = value if value is not None else [None] * spec.count
            out.update(zip(names, values))
        else:
            out[names[0]] = value
    return out


def clocked_vectors(specs: Sequence[PortSpec], io_style: str, step: Step, rows: list[Row]) -> Vectors:
    """Vectors from a Chisel-level golden model `step` run over Chisel-level stimulus `rows`.

    `step(row)` returns the outputs (Chisel names; None = not checked, e.g. an uninitialised register)
    before the cycle's rising edge, then updates its state as the edge would.
    """
    stimulus = []
    for row in rows:
        vin = {"reset": row["reset"]}
        vin.update(_to_verilog(specs, io_style, row, "input"))
        stimulus.append(vin)
    pending = iter(rows)

    def model(_verilog_inputs: dict[str, int]) -> dict[str, int | None]:
        return _to_verilog(specs, io_style, step(next(pending)), "output")

    return seq_vectors(list(specs), io_style, model, stimulus)


def pick_name(rng: random.Random, names: Sequence[str]) -> str:
    """One descriptive CamelCase module name from a family's synonyms."""
    return rng.choice(list(names))


def width_of(n: int) -> int:
    """Bits needed to hold values 0..n-1 (at least 1), like Chisel's `log2Ceil(n)` floored at 1."""
    return max(1, (n - 1).bit_length())


def generator_note(name: str, signature: str, args: str) -> str:
    """The sentence (with a leading space) telling an L4 spec how the generator is declared, when the prompt
    cannot say it.

    The data pipeline already appends "takes the constructor parameters ...; elaborated as new X(args)" whenever
    `top_args` is non-empty, so this only speaks for all-default constructors (elaborated as `new X()`).

    Args:
        name: The class name.
        signature: The constructor's parameter list as Scala source, e.g. `(n: Int = 4, width: Int = 8)`.
        args: The elaboration arguments ("" when every parameter has the wanted default).
    """
    if args:
        return ""
    return (f" Write it as a generator `class {name}{signature}` whose parameters default to these values, so "
            f"`new {name}()` elaborates this instance.")


def log2_ceil(n: int) -> int:
    """Chisel's `log2Ceil(n)`: 0 for n = 1."""
    return (n - 1).bit_length()
