"""L2: an unsigned adder with carry in and carry out."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l1_l2_common import make_io, module_comb_vectors, module_source, substitute
from chisellm.hdl.vectors import Vectors


@register
class AdderCarry(Family):
    """{cout, sum} = a + b + cin."""

    name = "adder_carry"
    level = "L2"
    features = ("+&", "Cat", "carry", "ripple carry", "Vec")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["FullAdder", "CarryAdder", "AdderWithCarry", "RippleAdder"]),
                "io_style": rng.choice(["bundle", "flat"]), "width": rng.randint(2, 16)}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w = params["width"]
        return [PortSpec("a", "input", w), PortSpec("b", "input", w),
                PortSpec("cin", "input", 1, kind="Bool", doc="carry in"),
                PortSpec("sum", "output", w, doc="low bits of a + b + cin"),
                PortSpec("cout", "output", 1, kind="Bool", doc="carry out")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w = params["width"]
        return [
            f"A {w}-bit unsigned adder with carry: compute a + b + cin; `sum` is the low {w} bits and `cout` is the "
            f"carry out of bit {w - 1} (true when the total is {1 << w} or more).",
            f"Add the {w}-bit inputs `a` and `b` and the 1-bit carry-in `cin`. The {w + 1}-bit result is split into "
            f"`cout` (its top bit) and `sum` (the other {w} bits).",
            f"{{cout, sum}} = a + b + cin, with a, b, sum {w} bits wide and cin, cout single bits.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        w, a, b, cin = params["width"], io("a"), io("b"), io("cin")
        expand = (f"  val total = {a} +& {b} + {cin}\n  {io('sum')} := total({w - 1}, 0)\n"
                  f"  {io('cout')} := total({w})\n")
        cat = (f"  val total = Cat(0.U(1.W), {a}) + Cat(0.U(1.W), {b}) + {cin}.asUInt\n"
               f"  {io('sum')} := total({w - 1}, 0)\n  {io('cout')} := total({w})\n")
        ripple = (f"  val carry = Wire(Vec({w + 1}, Bool()))\n  val bits = Wire(Vec({w}, Bool()))\n"
                  f"  carry(0) := {cin}\n  for (i <- 0 until {w}) {{\n"
                  f"    bits(i) := {a}(i) ^ {b}(i) ^ carry(i)\n"
                  f"    carry(i + 1) := ({a}(i) && {b}(i)) || (carry(i) && ({a}(i) ^ {b}(i)))\n  }}\n"
                  f"  {io('sum')} := bits.asUInt\n  {io('cout')} := carry({w})\n")
        name = params["module_name"]
        return {"expanding_add": module_source(name, io, expand), "cat_widen": module_source(name, io, cat, util=True),
                "ripple_carry": module_source(name, io, ripple)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        w = params["width"]

        def fn(v: dict[str, int]) -> dict[str, int]:
            t = v["a"] + v["b"] + v["cin"]
            return {"sum": t & ((1 << w) - 1), "cout": t >> w}

        return module_comb_vectors(self.ports(params), params, fn, rng)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        w, a, b, cin = params["width"], io("a"), io("b"), io("cin")
        ref = self.styles(params)["expanding_add"]
        return [substitute(ref, f"{a} +& {b} + {cin}", f"{a} +& {b}"),
                substitute(ref, f"{io('cout')} := total({w})", f"{io('cout')} := total({w - 1})"),
                substitute(self.styles(params)["ripple_carry"], f"carry(i + 1) := ({a}(i) && {b}(i)) || ",
                           f"carry(i + 1) := ({a}(i) && {b}(i)) && ")]
