"""L1: bitwise AND, OR, XOR and NOT."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, mask, register
from chisellm.data.families.l1_l2_common import make_io, module_comb_vectors, module_source, substitute
from chisellm.hdl.vectors import Vectors


@register
class Bitwise(Family):
    """Bitwise `andOut`, `orOut`, `xorOut` of a and b and `notA` = ~a."""

    name = "bitwise_logic"
    level = "L1"
    features = ("&", "|", "^", "~", "asBools")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["BitwiseLogic", "LogicGates", "BitOps", "GateArray"]),
                "io_style": rng.choice(["bundle", "flat"]), "width": rng.choice(list(range(1, 17)) + [32])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w = params["width"]
        return [PortSpec("a", "input", w), PortSpec("b", "input", w),
                PortSpec("andOut", "output", w, doc="a AND b"), PortSpec("orOut", "output", w, doc="a OR b"),
                PortSpec("xorOut", "output", w, doc="a XOR b"), PortSpec("notA", "output", w, doc="NOT a")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w = params["width"]
        return [
            f"Bitwise logic on two {w}-bit inputs: `andOut` = a AND b, `orOut` = a OR b, `xorOut` = a XOR b and "
            f"`notA` = the bitwise complement of a, all {w} bits wide.",
            f"A bank of {w} gate slices: for every bit i, andOut[i] = a[i] & b[i], orOut[i] = a[i] | b[i], "
            f"xorOut[i] = a[i] ^ b[i], notA[i] = !a[i].",
            f"Output the AND, OR and XOR of `a` and `b` ({w} bits each) on andOut, orOut and xorOut, and the "
            f"inverted `a` on notA.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        a, b = io("a"), io("b")
        ops = (f"  {io('andOut')} := {a} & {b}\n  {io('orOut')} := {a} | {b}\n  {io('xorOut')} := {a} ^ {b}\n"
               f"  {io('notA')} := ~{a}\n")
        per_bit = (f"  val pairs = {a}.asBools.zip({b}.asBools)\n"
                   f"  {io('andOut')} := VecInit(pairs.map {{ case (x, y) => x && y }}).asUInt\n"
                   f"  {io('orOut')} := VecInit(pairs.map {{ case (x, y) => x || y }}).asUInt\n"
                   f"  {io('xorOut')} := VecInit(pairs.map {{ case (x, y) => x ^ y }}).asUInt\n"
                   f"  {io('notA')} := VecInit({a}.asBools.map(!_)).asUInt\n")
        return {"operators": module_source(params["module_name"], io, ops),
                "per_bit": module_source(params["module_name"], io, per_bit)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        w = params["width"]
        return module_comb_vectors(self.ports(params), params, lambda v: {
            "andOut": v["a"] & v["b"], "orOut": v["a"] | v["b"], "xorOut": v["a"] ^ v["b"],
            "notA": mask(~v["a"], w)}, rng)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        a, b = io("a"), io("b")
        ref = self.styles(params)["operators"]
        return [substitute(ref, f"{io('andOut')} := {a} & {b}", f"{io('andOut')} := {a} | {b}"),
                substitute(ref, f"~{a}", f"~{b}")]
