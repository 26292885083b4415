"""L2: a leading-zero counter."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l1_l2_common import (
    bits_for, make_io, module_source, substitute, varied_word_vectors,
)
from chisellm.hdl.vectors import Vectors


@register
class LeadingZeros(Family):
    """`count` = number of 0 bits above the highest 1 of `data` (the width when data is 0)."""

    name = "leading_zero_count"
    level = "L2"
    features = ("PriorityEncoder", "Reverse", "MuxCase", "for loop", "clz")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["LeadingZeroCounter", "CountLeadingZeros", "ClzUnit", "ZeroPrefixCount"]),
                "io_style": rng.choice(["bundle", "flat"]), "width": rng.choice(list(range(3, 17)) + [24, 32])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w = params["width"]
        return [PortSpec("data", "input", w), PortSpec("count", "output", bits_for(w), doc="leading zeros")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w, k = params["width"], bits_for(params["width"])
        return [
            f"Count leading zeros: `count` ({k} bits) is the number of consecutive 0 bits of the {w}-bit `data` "
            f"starting from bit {w - 1} (the MSB) going down; when data is 0 the count is {w}.",
            f"A CLZ unit for {w}-bit words: output how many zero bits precede the most significant 1 "
            f"(data = 1 gives {w - 1}, data with bit {w - 1} set gives 0, data = 0 gives {w}).",
            f"count = {w - 1} - (index of the highest set bit of data), or {w} if no bit is set; data is {w} bits, "
            f"count is {k} bits.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        w, d, c, name = params["width"], io("data"), io("count"), params["module_name"]
        util = f"  {c} := Mux({d} === 0.U, {w}.U, PriorityEncoder(Reverse({d})))\n"
        loop = (f"  {c} := {w}.U\n  for (i <- 0 until {w}) {{\n    when({d}(i)) {{ {c} := ({w - 1} - i).U }}\n  }}\n")
        muxcase = f"  {c} := MuxCase({w}.U, (0 until {w}).reverse.map(i => {d}(i) -> ({w - 1} - i).U))\n"
        return {"priority_encoder": module_source(name, io, util, util=True),
                "last_connect_loop": module_source(name, io, loop),
                "mux_case": module_source(name, io, muxcase, util=True)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        w = params["width"]
        return varied_word_vectors(self.ports(params), params, "data", w,
                                   lambda v: {"count": w - v["data"].bit_length()}, rng)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        w, d = params["width"], io("data")
        ref = self.styles(params)["priority_encoder"]
        return [substitute(ref, f"PriorityEncoder(Reverse({d}))", f"PriorityEncoder({d})"),
                substitute(ref, f"Mux({d} === 0.U, {w}.U,", f"Mux({d} === 0.U, {w - 1}.U,")]
