"""L2: a one-hot to binary encoder."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l1_l2_common import (
    bits_for, make_io, module_listed_vectors, module_source, substitute,
)
from chisellm.hdl.vectors import Vectors


@register
class OneHotEncoder(Family):
    """`index` = position of the single set bit of `onehot`."""

    name = "onehot_encoder"
    level = "L2"
    features = ("OHToUInt", "Mux1H", "one-hot", "encoder")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["OneHotEncoder", "OneHotToBinary", "OhEncoder", "IndexEncoder"]),
                "io_style": rng.choice(["bundle", "flat"]), "n": rng.randint(3, 16)}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        n = params["n"]
        return [PortSpec("onehot", "input", n, doc="exactly one bit set"),
                PortSpec("index", "output", bits_for(n - 1), doc="position of the set bit")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        n, k = params["n"], bits_for(params["n"] - 1)
        return [
            f"Encode the {n}-bit one-hot input `onehot` (exactly one bit is set) into the {k}-bit binary index of "
            f"that bit on `index` (bit 0 set -> index 0, bit {n - 1} set -> index {n - 1}).",
            f"One-hot to binary converter: `onehot` has a single 1 among its {n} bits; output its position as a "
            f"{k}-bit unsigned number.",
            f"Given a {n}-bit one-hot code, output `index` such that onehot == 1 << index. Inputs that are not "
            f"one-hot never occur.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        n, k = params["n"], bits_for(params["n"] - 1)
        oh, idx = io("onehot"), io("index")
        util = f"  {idx} := OHToUInt({oh})\n"
        mux1h = f"  {idx} := Mux1H({oh}, (0 until {n}).map(_.U({k}.W)))\n"
        orloop = f"  {idx} := (0 until {n}).map(i => Mux({oh}(i), i.U({k}.W), 0.U)).reduce(_ | _)\n"
        name = params["module_name"]
        return {"ohtouint": module_source(name, io, util, util=True),
                "mux1h": module_source(name, io, mux1h, util=True),
                "or_of_indices": module_source(name, io, orloop)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        n = params["n"]
        return module_listed_vectors(self.ports(params), params, lambda v: {"index": v["onehot"].bit_length() - 1},
                                     [{"onehot": 1 << i} for i in range(n)])

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        oh = io("onehot")
        ref = self.styles(params)["ohtouint"]
        return [substitute(ref, f"OHToUInt({oh})", f"OHToUInt(Reverse({oh}))"),
                substitute(ref, f"OHToUInt({oh})", f"OHToUInt({oh}) + 1.U")]
