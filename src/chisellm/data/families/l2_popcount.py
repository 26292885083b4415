"""L2: population count (number of set bits)."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l1_l2_common import (
    bits_for, make_io, module_source, substitute, varied_word_vectors,
)
from chisellm.hdl.vectors import Vectors


@register
class PopCountFamily(Family):
    """`count` = number of 1 bits in `data`."""

    name = "popcount"
    level = "L2"
    features = ("PopCount", "asBools", "reduce", "foldLeft")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["OnesCounter", "BitCounter", "HammingWeight", "SetBitCount"]),
                "io_style": rng.choice(["bundle", "flat"]), "width": rng.choice(list(range(2, 17)) + [24, 32])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w = params["width"]
        return [PortSpec("data", "input", w), PortSpec("count", "output", bits_for(w), doc="number of set bits")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w, k = params["width"], bits_for(params["width"])
        return [
            f"Count the 1 bits of the {w}-bit input `data` and output the count (0 to {w}) on the {k}-bit `count`.",
            f"Population count / Hamming weight of a {w}-bit word: `count` ({k} bits) is how many bits of `data` "
            f"are set.",
            f"Output the number of ones in `data` ({w} bits wide) as an unsigned {k}-bit number `count`.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        w, k, d, c = params["width"], bits_for(params["width"]), io("data"), io("count")
        name = params["module_name"]
        return {
            "popcount_util": module_source(name, io, f"  {c} := PopCount({d})\n", util=True),
            "reduce_add": module_source(name, io, f"  {c} := {d}.asBools.map(_.asUInt).reduce(_ +& _)\n"),
            "fold_left": module_source(name, io, f"  {c} := (0 until {w}).foldLeft(0.U({k}.W)) {{ (acc, i) => "
                                                 f"acc + {d}(i) }}\n"),
        }

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        return varied_word_vectors(self.ports(params), params, "data", params["width"],
                                   lambda v: {"count": bin(v["data"]).count("1")}, rng)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        w, d = params["width"], io("data")
        ref = self.styles(params)["popcount_util"]
        return [substitute(ref, f"PopCount({d})", f"PopCount(~{d})"),
                substitute(ref, f"PopCount({d})", f"PopCount({d}({w - 2}, 0))")]
