"""L2: a small combinational multiplier (unsigned or signed) with a full-width product."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l1_l2_common import make_io, module_comb_vectors, module_source, substitute
from chisellm.hdl.vectors import Vectors


@register
class Multiplier(Family):
    """`product` = a * b, 2n bits wide, never truncated."""

    name = "multiplier"
    level = "L2"
    features = ("*", "SInt", "shift-add", "reduce")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["Multiplier", "SmallMultiplier", "ProductUnit", "MulUnit"]),
                "io_style": rng.choice(["bundle", "flat"]), "width": rng.randint(2, 8),
                "signed": rng.choice([False, True])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w, s = params["width"], params["signed"]
        kind = "SInt" if s else "UInt"
        return [PortSpec("a", "input", w, s, kind), PortSpec("b", "input", w, s, kind),
                PortSpec("product", "output", 2 * w, s, kind, doc="a * b")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w = params["width"]
        how = "signed (SInt, two's complement)" if params["signed"] else "unsigned (UInt)"
        return [
            f"Multiply two {w}-bit {how} inputs `a` and `b` and output the exact {2 * w}-bit {how} `product`.",
            f"A combinational {w}x{w} multiplier for {how} operands; `product` is {2 * w} bits so no result is "
            f"truncated.",
            f"product = a * b, where a and b are {how} {w}-bit values and product is the full {2 * w}-bit result.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        w, a, b, p, name = params["width"], io("a"), io("b"), io("product"), params["module_name"]
        styles = {"operator": module_source(name, io, f"  {p} := {a} * {b}\n")}
        if params["signed"]:
            styles["widened"] = module_source(name, io, f"  val wideA = {a}.pad({2 * w})\n  val wideB = {b}.pad({2 * w})\n"
                                                        f"  {p} := (wideA * wideB)({2 * w - 1}, 0).asSInt\n")
        else:
            styles["shift_add"] = module_source(name, io, (
                f"  val partials = (0 until {w}).map(i => Mux({b}(i), {a} << i, 0.U))\n"
                f"  {p} := partials.reduce(_ +& _)\n"))
        return styles

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        return module_comb_vectors(self.ports(params), params, lambda v: {"product": v["a"] * v["b"]}, rng)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        w, a, b, p = params["width"], io("a"), io("b"), io("product")
        ref = self.styles(params)["operator"]
        if params["signed"]:
            return [substitute(ref, f"{p} := {a} * {b}", f"{p} := ({a}.asUInt * {b}.asUInt).asSInt"),
                    substitute(ref, f"{p} := {a} * {b}", f"{p} := ({a} * {b})({w - 1}, 0).asSInt")]
        return [substitute(ref, f"{p} := {a} * {b}", f"{p} := ({a} * {b})({w - 1}, 0)"),
                substitute(ref, f"{p} := {a} * {b}", f"{p} := {a} * {b}({w - 2}, 0)")]
