"""Stimulus and expected-output vectors: what a golden model produces and a testbench checks.

Timing, for every cycle i: the testbench applies `stimulus[i]` to the inputs, lets combinational logic
settle, compares every output whose `expected[i]` is not None, then (for clocked designs) gives one rising
clock edge. So an expected value is what the output shows *before* that cycle's edge. `reset` is an
ordinary input in the vectors: golden models drive it (usually 1 for the first cycle) and model it.
Values are Python ints; signed ports may hold negative ones (two's complement at the port's width).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from chisellm.utils.errors import ChiselLLMError


@dataclass(frozen=True)
class Port:
    """A DUT port as it appears in the Verilog firtool emits (`io_a` for `io.a`, `a` for a top-level port)."""

    name: str
    width: int
    signed: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "width": self.width, "signed": self.signed}


@dataclass(frozen=True)
class Vectors:
    """Cycle-by-cycle stimulus and expected outputs for one design."""

    inputs: tuple[Port, ...]
    outputs: tuple[Port, ...]
    stimulus: tuple[tuple[int, ...], ...]
    expected: tuple[tuple[int | None, ...], ...]
    clocked: bool = True
    _digest: str = field(default="", compare=False, repr=False)

    def __post_init__(self) -> None:
        if len(self.stimulus) != len(self.expected):
            raise ValueError(f"{len(self.stimulus)} stimulus rows but {len(self.expected)} expected rows")
        if not self.outputs:
            raise ValueError("vectors need at least one output port to check")
        names = [p.name for p in self.inputs + self.outputs]
        if len(set(names)) != len(names):
            raise ValueError(f"duplicate port names in {names}")
        for i, (stim, exp) in enumerate(zip(self.stimulus, self.expected)):
            if len(stim) != len(self.inputs) or len(exp) != len(self.outputs):
                raise ValueError(f"cycle {i}: {len(stim)} inputs / {len(exp)} outputs, ports say "
                                 f"{len(self.inputs)} / {len(self.outputs)}")

    @property
    def cycles(self) -> int:
        return len(self.stimulus)

    @property
    def digest(self) -> str:
        """A content hash, part of the result cache key."""
        return hashlib.sha256(json.dumps(self.to_json(), sort_keys=True).encode()).hexdigest()[:24]

    def to_json(self) -> dict[str, Any]:
        return {
            "clocked": self.clocked,
            "inputs": [p.to_json() for p in self.inputs],
            "outputs": [p.to_json() for p in self.outputs],
            "stimulus": [list(row) for row in self.stimulus],
            "expected": [list(row) for row in self.expected],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], source: str = "vectors") -> Vectors:
        """Parse the JSON form; errors name `source` and the missing or bad field."""
        try:
            return cls(
                inputs=tuple(Port(p["name"], int(p["width"]), bool(p.get("signed", False))) for p in data["inputs"]),
                outputs=tuple(Port(p["name"], int(p["width"]), bool(p.get("signed", False))) for p in data["outputs"]),
                stimulus=tuple(tuple(int(v) for v in row) for row in data["stimulus"]),
                expected=tuple(tuple(None if v is None else int(v) for v in row) for row in data["expected"]),
                clocked=bool(data.get("clocked", True)),
            )
        except KeyError as exc:
            raise ChiselLLMError(f"{source}: vectors lack the field {exc}",
                                 hint="vectors need inputs, outputs, stimulus, expected (and clocked)") from None
        except (TypeError, ValueError) as exc:
            raise ChiselLLMError(f"{source}: malformed vectors ({exc})", hint="see chisellm.hdl.vectors for the format") from None

    @classmethod
    def from_cycles(cls, inputs: list[Port], outputs: list[Port], rows: list[tuple[dict[str, int], dict[str, int | None]]],
                    clocked: bool = True) -> Vectors:
        """Build from per-cycle dicts `({input: value}, {output: value or None})`, the form golden models write."""
        stimulus = tuple(tuple(ins[p.name] for p in inputs) for ins, _ in rows)
        expected = tuple(tuple(outs.get(p.name) for p in outputs) for _, outs in rows)
        return cls(tuple(inputs), tuple(outputs), stimulus, expected, clocked)
