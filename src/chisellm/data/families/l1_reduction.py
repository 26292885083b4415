"""L1: reduction operators andR, orR and xorR."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l1_l2_common import make_io, module_comb_vectors, module_source, substitute
from chisellm.hdl.vectors import Vectors


@register
class Reduction(Family):
    """`allOnes` = AND of all bits, `anySet` = OR of all bits, `parity` = XOR of all bits."""

    name = "reduction_ops"
    level = "L1"
    features = ("andR", "orR", "xorR", "reduce")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["ReduceBits", "BitReducer", "WordFlags", "ReductionUnit"]),
                "io_style": rng.choice(["bundle", "flat"]), "width": rng.choice(list(range(2, 17)) + [24, 32])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w = params["width"]
        return [PortSpec("data", "input", w, doc="input word"),
                PortSpec("allOnes", "output", 1, kind="Bool", doc="every bit of data is 1"),
                PortSpec("anySet", "output", 1, kind="Bool", doc="at least one bit of data is 1"),
                PortSpec("parity", "output", 1, kind="Bool", doc="XOR of all bits (1 = odd number of ones)")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w = params["width"]
        return [
            f"Reduce the {w}-bit input `data` to three flags: `allOnes` is true when every bit is 1, `anySet` is "
            f"true when at least one bit is 1, and `parity` is the XOR of all {w} bits (true for an odd count "
            f"of ones).",
            f"AND-, OR- and XOR-reduce a {w}-bit word: allOnes = &data, anySet = |data, parity = ^data.",
            f"Flag module: allOnes when data == {(1 << w) - 1} (all ones), anySet when data != 0, parity = 1 when "
            f"the number of set bits in the {w}-bit data is odd.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        w, d = params["width"], io("data")
        reduce_ops = (f"  {io('allOnes')} := {d}.andR\n  {io('anySet')} := {d}.orR\n  {io('parity')} := {d}.xorR\n")
        compare = (f"  {io('allOnes')} := {d} === \"b{'1' * w}\".U\n  {io('anySet')} := {d} =/= 0.U\n"
                   f"  {io('parity')} := {d}.asBools.reduce(_ ^ _)\n")
        return {"reduction_ops": module_source(params["module_name"], io, reduce_ops),
                "compare_fold": module_source(params["module_name"], io, compare)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        w = params["width"]
        return module_comb_vectors(self.ports(params), params, lambda v: {
            "allOnes": int(v["data"] == (1 << w) - 1), "anySet": int(v["data"] != 0),
            "parity": bin(v["data"]).count("1") & 1}, rng)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        d = io("data")
        ref = self.styles(params)["reduction_ops"]
        return [substitute(ref, f"{io('allOnes')} := {d}.andR", f"{io('allOnes')} := {d}.orR"),
                substitute(ref, f"{d}.xorR", f"!{d}.xorR")]
