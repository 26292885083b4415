"""Stimulus and expected-output vectors: what a golden model produces and a testbench checks.

Timing, for every cycle i: the testbench applies `stimulus[i]` to the inputs, lets combinational logic
settle, compares every output whose `expected[i]` is not None, then (for clocked designs) gives one rising
clock edge. So an expected value is what the output shows *before* that cycle's edge. `reset` is an
ordinary input in the vectors: golden models drive it (usually 1 for the first cycle) and model it.
Values are Python ints; signed ports may hold negative ones (two's complement at the port's width). Every
value must fit its port (0..2^w-1; a signed port also takes -2^(w-1)..-1) and there is at least one cycle:
vectors that break either are rejected, never truncated or passed without simulating.
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
        if not self.stimulus:
            raise ValueError("0 cycles: vectors need at least one stimulus row (nothing would be simulated)")
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
        for port in self.inputs + self.outputs:
            if isinstance(port.width, bool) or not isinstance(port.width, int) or port.width < 1:
                raise ValueError(f"port `{port.name}`: width must be a whole number >= 1, got {port.width!r}")
        for rows, ports, kind in ((self.stimulus, self.inputs, "input"), (self.expected, self.outputs, "output")):
            for port, column in zip(ports, zip(*rows)):
                _check_column(port, column, kind)

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
            if not isinstance(data, dict):
                raise TypeError(f"expected an object with inputs, outputs, stimulus, expected, got {type(data).__name__}")
            return cls(
                inputs=tuple(_port(p) for p in _list(data["inputs"], "inputs")),
                outputs=tuple(_port(p) for p in _list(data["outputs"], "outputs")),
                stimulus=_rows(data["stimulus"], "stimulus", allow_none=False),
                expected=_rows(data["expected"], "expected", allow_none=True),
                clocked=_flag(data.get("clocked", True), "clocked"),
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


def _check_column(port: Port, column: tuple[int | None, ...], kind: str) -> None:
    """Every value of one port fits its width: 0..2^w-1, and for signed ports also -2^(w-1)..-1."""
    low = -(1 << (port.width - 1)) if port.signed else 0
    high = (1 << port.width) - 1
    values = [v for v in column if v is not None]
    if not values or (low <= min(values) and max(values) <= high):
        return
    cycle, value = next((i, v) for i, v in enumerate(column) if v is not None and not low <= v <= high)
    sign = "signed" if port.signed else "unsigned"
    raise ValueError(f"cycle {cycle}: {kind} `{port.name}` = {value} does not fit {port.width} bits {sign} "
                     f"({low}..{high})")


def _list(value: Any, what: str) -> list:
    if not isinstance(value, list):
        raise TypeError(f"`{what}` must be a list, got {type(value).__name__}")
    return value


def _rows(value: Any, what: str, allow_none: bool) -> tuple[tuple[int | None, ...], ...]:
    rows = _list(value, what)
    if not all(type(row) is list for row in rows):
        raise TypeError(f"every row of `{what}` must be a list")
    if allow_none:
        return tuple(tuple(v if type(v) is int or v is None else _value(v, what) for v in row) for row in rows)
    return tuple(tuple(v if type(v) is int else _value(v, what) for v in row) for row in rows)


def _port(data: Any) -> Port:
    if not isinstance(data, dict) or not isinstance(data.get("name"), str):
        raise TypeError(f"a port must be an object with a string `name`, got {data!r:.60}")
    return Port(data["name"], _value(data.get("width"), f"width of `{data['name']}`"),
                _flag(data.get("signed", False), f"signed of `{data['name']}`"))


def _value(value: Any, what: str) -> int:
    """An integer from JSON (true/false count as 1/0; 3.0 as 3); anything else is an error, never rounded."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if not isinstance(value, int):
        raise TypeError(f"{what}: expected an integer, got {value!r:.60}")
    return int(value)


def _flag(value: Any, what: str) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"`{what}` must be true or false, got {value!r:.60}")
    return value
