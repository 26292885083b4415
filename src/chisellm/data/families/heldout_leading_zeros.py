"""Held out (L2): count leading zeros. Used only in the eval set."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.util_common import (clog2, comb_module_vectors, exhaustive_inputs, random_inputs, ref,
                                                source, swap, vname)
from chisellm.hdl.vectors import Vectors


@register
class LeadingZeros(Family):
    """`count` = number of zero bits above the most significant one (`width` when `in` is 0)."""

    name = "heldout_leading_zeros"
    level = "L2"
    features = ("PriorityEncoder", "Reverse", "for loop", "when")
    held_out = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["LeadingZeroCounter", "ClzUnit", "ZeroRunCounter", "NormalizeShift"]),
                "io_style": rng.choice(["bundle", "flat"]), "width": rng.randrange(3, 33)}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w = params["width"]
        return [PortSpec("in", "input", w), PortSpec("count", "output", clog2(w + 1), doc="leading zeros")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w = params["width"]
        return [
            f"Count the leading zeros of the {w}-bit input `in`: the number of 0 bits above its most significant "
            f"1, or {w} when `in` is 0.",
            f"A count-leading-zeros unit for UInt({w}.W): `count` = {w} - 1 - (index of the highest set bit), "
            f"and {w} for a zero input.",
            f"How far must `in` ({w} bits) be shifted left to put a 1 in bit {w - 1}? Output that on `count` "
            f"(or {w} if `in` is all zeros).",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        s, name, w = params["io_style"], params["module_name"], params["width"]
        i, c = ref(s, "in"), ref(s, "count")
        cw = clog2(w + 1)
        decls = [("in", f"Input(UInt({w}.W))"), ("count", f"Output(UInt({cw}.W))")]
        return {
            "priority_reverse": source(name, s, decls, f"  {c} := Mux({i} === 0.U, {w}.U, PriorityEncoder(Reverse({i})))\n"),
            "loop": source(name, s, decls, f"  val zeros = WireDefault({w}.U({cw}.W))\n"
                                           f"  for (k <- 0 until {w}) {{\n    when({i}(k)) {{ zeros := ({w - 1} - k).U }}\n  }}\n"
                                           f"  {c} := zeros\n"),
        }

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        s, w = params["io_style"], params["width"]
        specs = self.ports(params)

        def fn(ins: dict[str, int]) -> dict[str, int | None]:
            return {vname(s, "count"): w - ins[vname(s, "in")].bit_length()}

        if w <= 12:
            stim = exhaustive_inputs(specs, s)
        else:  # random values have few leading zeros: mix in values of every bit length
            stim = random_inputs(specs, s, rng, 250) + [{vname(s, "in"): rng.randrange(1 << b) | (1 << b >> 1)}
                                                        for b in range(w + 1) for _ in range(8)]
        return comb_module_vectors(specs, s, fn, stim)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        s, w = params["io_style"], params["width"]
        i = ref(s, "in")
        code = self.styles(params)["priority_reverse"]
        return [swap(code, f"PriorityEncoder(Reverse({i}))", f"PriorityEncoder({i})"),
                swap(code, f"Mux({i} === 0.U, {w}.U,", f"Mux({i} === 0.U, 0.U,")]
