"""Shared pieces of the L1/L2 (combinational) families: IO declarations in both port-naming styles, the
module skeleton, combinational vectors for a `Module` and a checked text substitution for mutants.

Every L1/L2 reference design is a `Module` (the idiomatic choice, so its Verilog has `clock` and `reset`);
the vectors hold `reset` at 0 so every DUT input is driven."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from chisellm.data.families.base import PortSpec, comb_vectors, verilog_ports
from chisellm.hdl.vectors import Port, Vectors


@dataclass(frozen=True)
class Io:
    """How a design's ports are declared and referred to, for one `io_style`."""

    ports: tuple[PortSpec, ...]
    style: str  # "bundle" (fields of io) or "flat" (top-level IO)

    def __call__(self, name: str) -> str:
        """The Chisel expression for port `name` (`io.a` or `a`)."""
        return f"io.{name}" if self.style == "bundle" else name

    def decl(self) -> str:
        """The IO declaration lines, indented for a class body."""
        pad = max(len(p.name) for p in self.ports)
        lines = []
        for p in self.ports:
            direction = "Input" if p.direction == "input" else "Output"
            if self.style == "bundle":
                lines.append(f"    val {p.name.ljust(pad)} = {direction}({p.chisel_type()})")
            else:
                lines.append(f"  val {p.name.ljust(pad)} = IO({direction}({p.chisel_type()}))")
        if self.style == "bundle":
            return "  val io = IO(new Bundle {\n" + "\n".join(lines) + "\n  })"
        return "\n".join(lines)


def make_io(ports: Sequence[PortSpec], params: dict[str, Any]) -> Io:
    """An `Io` for the design's ports and its drawn io_style."""
    return Io(tuple(ports), params["io_style"])


def module_source(name: str, io: Io, body: str, util: bool = False) -> str:
    """A complete Chisel source: imports, `class <name> extends Module`, the IO and `body` (already indented
    by two spaces; leading/trailing blank lines are dropped)."""
    imports = "import chisel3._\n" + ("import chisel3.util._\n" if util else "")
    return f"{imports}\nclass {name} extends Module {{\n{io.decl()}\n\n{body.strip(chr(10))}\n}}\n"


def with_reset_low(vectors: Vectors) -> Vectors:
    """The same vectors with a `reset` input held at 0 (a `Module` has one even when it holds no state)."""
    return Vectors((Port("reset", 1),) + vectors.inputs, vectors.outputs,
                   tuple((0,) + row for row in vectors.stimulus), vectors.expected, vectors.clocked)


def module_comb_vectors(ports: Sequence[PortSpec], params: dict[str, Any],
                        fn: Callable[[dict[str, int]], dict[str, int]], rng: random.Random,
                        random_count: int = 300) -> Vectors:
    """Combinational vectors (exhaustive up to 4096 input combinations, else random with corners) for a Module.
    `fn` receives and returns values keyed by Chisel-level port name (`a`, not `io_a`)."""
    style = params["io_style"]
    prefix = "io_" if style == "bundle" else ""

    def verilog_fn(ins: dict[str, int]) -> dict[str, int]:
        outs = fn({k[len(prefix):]: v for k, v in ins.items()})
        return {prefix + k: v for k, v in outs.items()}

    return with_reset_low(comb_vectors(list(ports), style, verilog_fn, rng, random_count=random_count))


def module_listed_vectors(ports: Sequence[PortSpec], params: dict[str, Any],
                          fn: Callable[[dict[str, int]], dict[str, int]],
                          stimulus: Sequence[dict[str, int]]) -> Vectors:
    """Combinational vectors for a chosen list of input combinations (e.g. only valid one-hot or BCD inputs),
    keyed by Chisel-level port name; `reset` is held at 0."""
    style = params["io_style"]
    prefix = "io_" if style == "bundle" else ""
    inputs = [Port("reset", 1)] + verilog_ports(ports, style, "input")
    outputs = verilog_ports(ports, style, "output")
    rows = []
    for ins in stimulus:
        outs = fn(dict(ins))
        rows.append(({"reset": 0, **{prefix + k: v for k, v in ins.items()}}, {prefix + k: v for k, v in outs.items()}))
    return Vectors.from_cycles(inputs, outputs, rows, clocked=False)


def substitute(source: str, old: str, new: str) -> str:
    """`source` with the first occurrence of `old` replaced; fails loudly if `old` is absent, so a mutant can
    never silently equal its reference."""
    if old not in source:
        raise ValueError(f"mutation target {old!r} not found in the reference source")
    return source.replace(old, new, 1)


def bits_for(value: int) -> int:
    """Bits needed to hold 0..value (at least 1)."""
    return max(1, value.bit_length())


def varied_word(rng: random.Random, width: int) -> int:
    """A random word whose highest and lowest set bits and density of ones are each spread over their whole
    range (uniform random words almost always have a set bit near the top and near the bottom)."""
    low = rng.randint(0, width - 1)
    top = rng.randint(low + 1, width)
    density = rng.random()
    word = sum(1 << i for i in range(low + 1, top - 1) if rng.random() < density)
    return word | (1 << (top - 1)) | (1 << low)


def varied_word_vectors(ports: Sequence[PortSpec], params: dict[str, Any], name: str, width: int,
                        fn: Callable[[dict[str, int]], dict[str, int]], rng: random.Random,
                        count: int = 300) -> Vectors:
    """Vectors for a design with the single input `name`: exhaustive when small, else 0, all ones, and
    `varied_word` values mixed with uniform random ones."""
    if width <= 12:
        return module_comb_vectors(ports, params, fn, rng)
    values = [0, (1 << width) - 1] + [varied_word(rng, width) if i % 3 else rng.getrandbits(width)
                                      for i in range(count)]
    return module_listed_vectors(ports, params, fn, [{name: v} for v in values])
