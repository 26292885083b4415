"""What a design family is: a parameter sampler, spec phrasings, Chisel code styles, a Python golden model
and plausible mutants. Each family lives in its own module under `chisellm.data.families` and registers
itself with `@register`.

Port naming in the Verilog firtool emits (what `Vectors` must use):
- `io_style="bundle"`: a field `a` of `val io = IO(new Bundle {...})` becomes `io_a`; a Vec element
  `io.x(2)` becomes `io_x_2`; a nested bundle field `io.in.bits` becomes `io_in_bits`.
- `io_style="flat"`: a top-level `val a = IO(...)` becomes `a`.
- A `Module` has inputs `clock` and `reset`; `clock` is driven by the testbench, `reset` is listed in the
  vectors like any input (golden models assert it in cycle 0). A `RawModule` has neither.
"""

from __future__ import annotations

import random
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import product
from typing import Any, Literal

from chisellm.hdl.vectors import Port, Vectors

Level = Literal["L1", "L2", "L3", "L4", "Util"]
LEVELS: tuple[Level, ...] = ("L1", "L2", "L3", "L4", "Util")


@dataclass(frozen=True)
class PortSpec:
    """A port as the spec names it (Chisel-level name, e.g. `a` or `out`)."""

    name: str
    direction: Literal["input", "output"]
    width: int
    signed: bool = False
    kind: Literal["UInt", "SInt", "Bool", "Vec"] = "UInt"
    count: int = 1  # elements, for kind == "Vec"
    doc: str = ""   # what the port means, e.g. "carry out"

    def chisel_type(self) -> str:
        """The Chisel type expression, e.g. `UInt(8.W)`, `SInt(4.W)`, `Bool()`, `Vec(4, UInt(8.W))`."""
        if self.kind == "Bool":
            return "Bool()"
        scalar = f"{'SInt' if self.signed else 'UInt'}({self.width}.W)"
        return f"Vec({self.count}, {scalar})" if self.kind == "Vec" else scalar

    def verilog_names(self, io_style: str) -> list[str]:
        # A nested field `enq.bits` or `in(2).valid` flattens to `enq_bits` / `in_2_valid`, as firtool names it.
        flat = re.sub(r"\((\d+)\)", r"_\1", self.name).replace(".", "_")
        base = f"io_{flat}" if io_style == "bundle" else flat
        return [f"{base}_{i}" for i in range(self.count)] if self.kind == "Vec" else [base]


FactKind = Literal["reset", "priority", "latency"]


@dataclass(frozen=True)
class Fact:
    """A behaviour the golden model depends on that the vectors check, so every prompt carrying the behaviour
    must state it: `phrase` must occur in the rendered instruction (case and whitespace aside)."""

    kind: FactKind
    phrase: str


@dataclass(frozen=True)
class Design:
    """One concrete design drawn from a family: everything any task needs."""

    family: str
    level: Level
    module_name: str
    params: dict[str, Any]
    ports: tuple[PortSpec, ...]
    io_style: Literal["bundle", "flat"]
    clocked: bool
    behaviour: str          # one phrasing of what the design does
    code: str               # reference Chisel for one style
    style: str
    vectors: Vectors
    features: tuple[str, ...]
    top_args: str = ""      # constructor args for elaboration, e.g. "8, 4" (L4 generators)
    mutants: tuple[str, ...] = field(default=(), repr=False)
    stateful: bool = True   # a clocked design with registers (False: a `Module` whose outputs are combinational)
    facts: tuple[Fact, ...] = ()


class Family(ABC):
    """A design family. Subclasses set the class attributes and implement the five methods."""

    name: str = ""
    level: Level = "L1"
    features: tuple[str, ...] = ()
    clocked: bool = False
    held_out: bool = False  # True: used only in the eval set, never in training

    @abstractmethod
    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        """Draw parameters (widths, depths, variants, module name, io_style)."""

    @abstractmethod
    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        """The ports the instruction names."""

    @abstractmethod
    def phrasings(self, params: dict[str, Any]) -> list[str]:
        """At least three natural-language descriptions of the behaviour."""

    @abstractmethod
    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        """Reference Chisel sources by style name (at least one; more where the language allows)."""

    @abstractmethod
    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        """Stimulus and expected outputs from a Python model of the behaviour."""

    @abstractmethod
    def mutants(self, params: dict[str, Any]) -> list[str]:
        """Plausible wrong Chisel sources (wrong operator, off-by-one, missing reset, ...) that must fail."""

    def top_args(self, params: dict[str, Any]) -> str:
        """Constructor arguments for elaboration ("" for a no-argument or all-default constructor)."""
        return ""

    def stateful(self, params: dict[str, Any]) -> bool:
        """Whether the design holds state (a clocked family whose outputs are combinational says False)."""
        return self.clocked

    def facts(self, params: dict[str, Any]) -> tuple[Fact, ...]:
        """The reset values, priorities and latencies the golden model depends on; every phrasing states each
        fact's phrase word for word, and the build fails on a prompt that lacks one."""
        return ()

    def design(self, rng: random.Random) -> Design:
        """Draw one design: parameters, a phrasing, a style, vectors and mutants."""
        params = self.sample_params(rng)
        styles = self.styles(params)
        style = rng.choice(sorted(styles))
        return Design(
            family=self.name, level=self.level, module_name=params["module_name"], params=params,
            ports=tuple(self.ports(params)), io_style=params.get("io_style", "bundle"), clocked=self.clocked,
            behaviour=rng.choice(self.phrasings(params)), code=styles[style], style=style,
            vectors=self.golden(params, rng), features=self.features, top_args=self.top_args(params),
            mutants=tuple(self.mutants(params)), stateful=self.stateful(params), facts=self.facts(params),
        )


FAMILIES: dict[str, Family] = {}


def register(cls: type[Family]) -> type[Family]:
    """Class decorator: add a family to the registry under its `name`."""
    instance = cls()
    if not instance.name or instance.name in FAMILIES:
        raise ValueError(f"family name {instance.name!r} is empty or taken")
    FAMILIES[instance.name] = instance
    return cls


# --- helpers golden models use -------------------------------------------------------------------------

def mask(value: int, width: int) -> int:
    """`value` reduced to `width` bits, as an unsigned int."""
    return value & ((1 << width) - 1)


def to_signed(value: int, width: int) -> int:
    """Interpret the low `width` bits of `value` as two's complement."""
    value = mask(value, width)
    return value - (1 << width) if value >> (width - 1) else value


def verilog_ports(specs: Iterable[PortSpec], io_style: str, direction: str) -> list[Port]:
    """The Verilog-level ports of the given direction, in order (Vecs expanded)."""
    out = []
    for spec in specs:
        if spec.direction == direction:
            out += [Port(n, spec.width, spec.signed) for n in spec.verilog_names(io_style)]
    return out


def comb_vectors(specs: list[PortSpec], io_style: str, fn: Callable[[dict[str, int]], dict[str, int]],
                 rng: random.Random, max_exhaustive: int = 4096, random_count: int = 500) -> Vectors:
    """Vectors for a combinational design: exhaustive when the input space is small, else random (with
    corner values 0, 1, all-ones, min/max signed mixed in). `fn` maps Verilog input names to output values."""
    inputs = verilog_ports(specs, io_style, "input")
    outputs = verilog_ports(specs, io_style, "output")
    space = 1
    for p in inputs:
        space *= 1 << p.width
    if space <= max_exhaustive:
        combos = [dict(zip([p.name for p in inputs], values))
                  for values in product(*[range(1 << p.width) for p in inputs])]
        combos = [{p.name: (to_signed(c[p.name], p.width) if p.signed else c[p.name]) for p in inputs} for c in combos]
    else:
        combos = [{p.name: corner_or_random(p, rng) for p in inputs} for _ in range(random_count)]
    rows = [(c, fn(c)) for c in combos]
    return Vectors.from_cycles(inputs, outputs, rows, clocked=False)


def corner_or_random(port: Port, rng: random.Random) -> int:
    """A random value for `port`, a corner value one time in five."""
    if rng.random() < 0.2:
        corners = [0, 1, (1 << port.width) - 1] if not port.signed else \
            [0, 1, -1, (1 << (port.width - 1)) - 1, -(1 << (port.width - 1))]
        return rng.choice(corners) if port.width > 1 else rng.choice([0, 1] if not port.signed else [0, -1])
    if port.signed:
        return rng.randrange(-(1 << (port.width - 1)), 1 << (port.width - 1))
    return rng.randrange(0, 1 << port.width)


def seq_vectors(specs: list[PortSpec], io_style: str, model: Callable[[dict[str, int]], dict[str, int | None]],
                stimulus: list[dict[str, int]]) -> Vectors:
    """Vectors for a clocked design. `model(inputs)` is called once per cycle, in order, with the Verilog
    input values including `reset`; it returns the outputs *before* that cycle's clock edge and then
    updates its own state as the edge would. Adds the `reset` input port."""
    inputs = [Port("reset", 1)] + verilog_ports(specs, io_style, "input")
    outputs = verilog_ports(specs, io_style, "output")
    rows = [(ins, model(ins)) for ins in stimulus]
    # Registers power up as x in simulation: until the first reset edge has happened, check nothing.
    first_reset = next((i for i, (ins, _) in enumerate(rows) if ins.get("reset")), -1)
    rows = [(ins, {p.name: None for p in outputs} if i <= first_reset else outs) for i, (ins, outs) in enumerate(rows)]
    return Vectors.from_cycles(inputs, outputs, rows, clocked=True)


def reset_then_random(specs: list[PortSpec], io_style: str, rng: random.Random, cycles: int = 200,
                      reset_cycles: int = 1, mid_reset_prob: float = 0.02,
                      bias: dict[str, float] | None = None) -> list[dict[str, int]]:
    """A stimulus: reset for `reset_cycles`, then random inputs with an occasional mid-run reset.
    `bias` gives 1-bit inputs a probability of being 1 (e.g. {"io_en": 0.7})."""
    ports = verilog_ports(specs, io_style, "input")
    bias = bias or {}
    stim = []
    for cycle in range(cycles):
        row = {"reset": 1 if cycle < reset_cycles or (cycle > 10 and rng.random() < mid_reset_prob) else 0}
        for p in ports:
            row[p.name] = int(rng.random() < bias[p.name]) if p.name in bias else corner_or_random(p, rng)
        stim.append(row)
    return stim
