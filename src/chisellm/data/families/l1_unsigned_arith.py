"""L1: unsigned addition and subtraction: wrapping (+, -) versus width-growing (+&)."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, mask, register
from chisellm.data.families.l1_l2_common import make_io, module_comb_vectors, module_source, substitute
from chisellm.hdl.vectors import Vectors


@register
class UnsignedArith(Family):
    """`wrapSum` = (a + b) mod 2^w, `fullSum` = a + b in w+1 bits, `wrapDiff` = (a - b) mod 2^w."""

    name = "unsigned_arith"
    level = "L1"
    features = ("UInt", "+", "+&", "-", "width growth")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["UnsignedMath", "AddSubBasic", "UIntArith", "WrapAdder"]),
                "io_style": rng.choice(["bundle", "flat"]), "width": rng.randint(2, 16)}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w = params["width"]
        return [PortSpec("a", "input", w), PortSpec("b", "input", w),
                PortSpec("wrapSum", "output", w, doc="a + b modulo 2^w"),
                PortSpec("fullSum", "output", w + 1, doc="exact a + b"),
                PortSpec("wrapDiff", "output", w, doc="a - b modulo 2^w")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w = params["width"]
        return [
            f"Unsigned arithmetic on two {w}-bit inputs: `wrapSum` = a + b truncated to {w} bits (the carry is "
            f"dropped), `fullSum` = the exact a + b in {w + 1} bits, and `wrapDiff` = a - b modulo 2^{w} "
            f"(e.g. 0 - 1 = {(1 << w) - 1}).",
            f"Output three results for the UInt({w}.W) operands a and b: the wrapping sum ({w} bits), the "
            f"carry-preserving sum ({w + 1} bits) and the wrapping difference a - b ({w} bits).",
            f"wrapSum = (a + b) mod {1 << w}, fullSum = a + b (never overflows, {w + 1} bits), "
            f"wrapDiff = (a - b) mod {1 << w}, all unsigned.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        w, a, b = params["width"], io("a"), io("b")
        ops = (f"  {io('wrapSum')} := {a} + {b}\n  {io('fullSum')} := {a} +& {b}\n"
               f"  {io('wrapDiff')} := {a} - {b}\n")
        shared = (f"  val full = {a} +& {b}\n  {io('fullSum')} := full\n  {io('wrapSum')} := full({w - 1}, 0)\n"
                  f"  {io('wrapDiff')} := ({a} -& {b})({w - 1}, 0)\n")
        return {"operators": module_source(params["module_name"], io, ops),
                "shared_full_sum": module_source(params["module_name"], io, shared)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        w = params["width"]
        return module_comb_vectors(self.ports(params), params, lambda v: {
            "wrapSum": mask(v["a"] + v["b"], w), "fullSum": v["a"] + v["b"], "wrapDiff": mask(v["a"] - v["b"], w)},
            rng)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        a, b = io("a"), io("b")
        ref = self.styles(params)["operators"]
        return [substitute(ref, f"{io('fullSum')} := {a} +& {b}", f"{io('fullSum')} := {a} + {b}"),
                substitute(ref, f"{io('wrapDiff')} := {a} - {b}", f"{io('wrapDiff')} := {b} - {a}")]
