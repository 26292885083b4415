"""L1: wiring two inputs straight or crossed to two outputs."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l1_l2_common import make_io, module_comb_vectors, module_source, substitute
from chisellm.hdl.vectors import Vectors


@register
class PortWiring(Family):
    """Outputs `x`, `y` copy inputs `a`, `b` in order (straight) or crossed (swap)."""

    name = "port_wiring"
    level = "L1"
    features = ("IO", "connect")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        variant = rng.choice(["straight", "swap"])
        names = (["PortSwap", "CrossWiring", "SwapPorts"] if variant == "swap"
                 else ["PassThrough", "PortWires", "WireThrough"])
        return {"module_name": rng.choice(names), "io_style": rng.choice(["bundle", "flat"]),
                "width": rng.choice(list(range(1, 17)) + [32]), "variant": variant}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w = params["width"]
        return [PortSpec("a", "input", w, doc="first input"), PortSpec("b", "input", w, doc="second input"),
                PortSpec("x", "output", w, doc="first output"), PortSpec("y", "output", w, doc="second output")]

    def _sources(self, params: dict[str, Any]) -> tuple[str, str]:
        return ("b", "a") if params["variant"] == "swap" else ("a", "b")

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w = params["width"]
        sx, sy = self._sources(params)
        return [
            f"Connect the {w}-bit input `{sx}` to output `x` and the {w}-bit input `{sy}` to output `y`, unchanged.",
            f"A pure wiring module: `x` always equals `{sx}` and `y` always equals `{sy}` (all {w} bits wide, "
            f"no logic).",
            f"Route the two {w}-bit inputs to the two outputs: x <- {sx}, y <- {sy}. No registers, no transformation.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io, w = make_io(self.ports(params), params), params["width"]
        sx, sy = self._sources(params)
        direct = f"  {io('x')} := {io(sx)}\n  {io('y')} := {io(sy)}\n"
        wired = (f"  val toX = Wire(UInt({w}.W))\n  val toY = Wire(UInt({w}.W))\n  toX := {io(sx)}\n  toY := {io(sy)}\n"
                 f"  {io('x')} := toX\n  {io('y')} := toY\n")
        return {"direct": module_source(params["module_name"], io, direct),
                "wire": module_source(params["module_name"], io, wired)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        sx, sy = self._sources(params)
        return module_comb_vectors(self.ports(params), params, lambda v: {"x": v[sx], "y": v[sy]}, rng)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        sx, sy = self._sources(params)
        ref = self.styles(params)["direct"]
        crossed = substitute(substitute(ref, f"{io('x')} := {io(sx)}", f"{io('x')} := {io(sy)}"),
                             f"{io('y')} := {io(sy)}", f"{io('y')} := {io(sx)}")
        both_first = substitute(ref, f"{io('y')} := {io(sy)}", f"{io('y')} := {io(sx)}")
        return [crossed, both_first]
