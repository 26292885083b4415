"""Shared pieces of the Util and held-out families (not a family itself): IO declarations in both
port-naming styles for ports of any Chisel type (Decoupled, Valid, Vec ...), the source template, checked
substitution for mutants and vectors for a combinational `Module`."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

from chisellm.data.families.base import PortSpec, corner_or_random, verilog_ports
from chisellm.hdl.vectors import Port, Vectors


def ref(io_style: str, name: str) -> str:
    """The Chisel expression of a top-level port: `io.x` or `x`."""
    return f"io.{name}" if io_style == "bundle" else name


def vname(io_style: str, name: str) -> str:
    """The Verilog name of a (possibly nested) port, e.g. `enq.bits` -> `io_enq_bits`."""
    return PortSpec(name, "input", 1).verilog_names(io_style)[0]


def io_decl(io_style: str, decls: Sequence[tuple[str, str]]) -> str:
    """IO lines for `(name, type)` pairs, the type with its direction, e.g. `Input(UInt(8.W))`."""
    if io_style == "bundle":
        pad = max(len(n) for n, _ in decls)
        return "  val io = IO(new Bundle {\n" + "\n".join(f"    val {n.ljust(pad)} = {t}" for n, t in decls) + "\n  })"
    return "\n".join(f"  val {n} = IO({t})" for n, t in decls)


def source(name: str, io_style: str, decls: Sequence[tuple[str, str]], body: str, header: str = "",
           params: str = "") -> str:
    """A complete source: imports, optional top-level definitions, `class name(params) extends Module`."""
    ctor = f"({params})" if params else ""
    top = f"{header.strip()}\n\n" if header.strip() else ""
    return (f"import chisel3._\nimport chisel3.util._\n\n{top}class {name}{ctor} extends Module {{\n"
            f"{io_decl(io_style, decls)}\n\n{body.strip(chr(10))}\n}}\n")


def swap(code: str, old: str, new: str) -> str:
    """`code` with the first `old` replaced by `new`; raises if `old` is absent (a mutant must differ)."""
    if old not in code:
        raise ValueError(f"mutation target {old!r} not in the reference")
    return code.replace(old, new, 1)


def comb_module_vectors(specs: Sequence[PortSpec], io_style: str,
                        fn: Callable[[dict[str, int]], dict[str, int | None]],
                        stimulus: Sequence[dict[str, int]]) -> Vectors:
    """Vectors for a combinational `Module` (reset held at 0). `stimulus` and `fn` use Verilog names."""
    inputs = [Port("reset", 1)] + verilog_ports(specs, io_style, "input")
    outputs = verilog_ports(specs, io_style, "output")
    rows = [({"reset": 0, **ins}, fn(dict(ins))) for ins in stimulus]
    return Vectors.from_cycles(inputs, outputs, rows, clocked=False)


def random_inputs(specs: Sequence[PortSpec], io_style: str, rng: random.Random, count: int) -> list[dict[str, int]]:
    """`count` random input rows (corner values mixed in), keyed by Verilog name."""
    ports = verilog_ports(specs, io_style, "input")
    return [{p.name: corner_or_random(p, rng) for p in ports} for _ in range(count)]


def exhaustive_inputs(specs: Sequence[PortSpec], io_style: str) -> list[dict[str, int]]:
    """Every input combination (unsigned ports only), keyed by Verilog name."""
    rows: list[dict[str, int]] = [{}]
    for p in verilog_ports(specs, io_style, "input"):
        rows = [{**r, p.name: v} for r in rows for v in range(1 << p.width)]
    return rows


def clog2(n: int) -> int:
    """Chisel's log2Ceil (at least 1 for n <= 2, as the ports need one bit)."""
    return max(1, (n - 1).bit_length())
