"""L1: signed (SInt) addition, subtraction and negation with full-width results."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l1_l2_common import make_io, module_comb_vectors, module_source, substitute
from chisellm.hdl.vectors import Vectors


@register
class SignedArith(Family):
    """`sum` = a + b, `diff` = a - b, `neg` = -a, all n+1-bit SInt so nothing overflows."""

    name = "signed_arith"
    level = "L1"
    features = ("SInt", "+&", "-&", "width growth")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["SignedAddSub", "SignedMath", "IntArith", "SignedOps"]),
                "io_style": rng.choice(["bundle", "flat"]), "width": rng.randint(3, 16)}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w = params["width"]
        return [PortSpec("a", "input", w, signed=True, kind="SInt", doc="first operand"),
                PortSpec("b", "input", w, signed=True, kind="SInt", doc="second operand"),
                PortSpec("sum", "output", w + 1, signed=True, kind="SInt", doc="a + b"),
                PortSpec("diff", "output", w + 1, signed=True, kind="SInt", doc="a - b"),
                PortSpec("neg", "output", w + 1, signed=True, kind="SInt", doc="-a")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w = params["width"]
        return [
            f"Signed arithmetic on two {w}-bit SInt inputs `a` and `b`: output the exact sum `sum` = a + b, "
            f"difference `diff` = a - b and negation `neg` = -a, each as a {w + 1}-bit SInt so no result overflows.",
            f"Compute a+b, a-b and -a for {w}-bit two's-complement inputs without losing the carry: all three "
            f"outputs are {w + 1} bits wide and signed (e.g. -{1 << (w - 1)} negated is +{1 << (w - 1)}).",
            f"Add, subtract and negate SInt({w}.W) operands with width growth: sum, diff and neg are SInt({w + 1}.W) "
            f"and hold the mathematically exact results.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        w, a, b = params["width"], io("a"), io("b")
        expand = (f"  {io('sum')} := {a} +& {b}\n  {io('diff')} := {a} -& {b}\n  {io('neg')} := 0.S -& {a}\n")
        pad = (f"  val wideA = {a}.pad({w + 1})\n  val wideB = {b}.pad({w + 1})\n"
               f"  {io('sum')} := wideA + wideB\n  {io('diff')} := wideA - wideB\n  {io('neg')} := -wideA\n")
        return {"expanding_ops": module_source(params["module_name"], io, expand),
                "pad_then_wrap": module_source(params["module_name"], io, pad)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        return module_comb_vectors(self.ports(params), params, lambda v: {
            "sum": v["a"] + v["b"], "diff": v["a"] - v["b"], "neg": -v["a"]}, rng)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        a, b = io("a"), io("b")
        ref = self.styles(params)["expanding_ops"]
        return [substitute(ref, f"{a} +& {b}", f"{a} + {b}"),
                substitute(ref, f"{a} -& {b}", f"({a}.asUInt -& {b}.asUInt).asSInt"),
                substitute(ref, f"{a} -& {b}", f"{b} -& {a}")]
