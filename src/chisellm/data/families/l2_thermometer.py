"""L2: a binary to thermometer-code encoder."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l1_l2_common import make_io, module_comb_vectors, module_source, substitute
from chisellm.hdl.vectors import Vectors


@register
class Thermometer(Family):
    """`therm` has its `level` lowest bits set and the rest clear."""

    name = "thermometer_code"
    level = "L2"
    features = ("<<", "-", "VecInit", ">", "thermometer code")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["ThermometerEncoder", "BinaryToThermometer", "LevelBar", "ThermCode"]),
                "io_style": rng.choice(["bundle", "flat"]), "k": rng.choice([2, 3, 4, 5])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        k = params["k"]
        return [PortSpec("level", "input", k, doc="binary count"),
                PortSpec("therm", "output", (1 << k) - 1, doc="thermometer code")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        k, n = params["k"], (1 << params["k"]) - 1
        return [
            f"Convert the {k}-bit binary `level` into an {n}-bit thermometer code `therm`: the lowest `level` bits "
            f"are 1 and all higher bits are 0 (level 0 gives 0, level {n} gives all ones).",
            f"Thermometer encoder: therm[i] = 1 exactly when i < level, for i in 0..{n - 1}.",
            f"Output `therm` = 2^level - 1 as an {n}-bit value, where level is an unsigned {k}-bit input.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        n, lv, t = (1 << params["k"]) - 1, io("level"), io("therm")
        shift = f"  {t} := ((1.U << {lv}) - 1.U)({n - 1}, 0)\n"
        vec = f"  {t} := VecInit((0 until {n}).map(i => {lv} > i.U)).asUInt\n"
        return {"shift_minus_one": module_source(params["module_name"], io, shift),
                "compare_vec": module_source(params["module_name"], io, vec)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        return module_comb_vectors(self.ports(params), params, lambda v: {"therm": (1 << v["level"]) - 1}, rng)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        lv = io("level")
        ref = self.styles(params)["compare_vec"]
        n = (1 << params["k"]) - 1
        vec = f"VecInit((0 until {n}).map(i => {lv} > i.U)).asUInt"
        reversed_bits = substitute(substitute(ref, vec, f"Reverse({vec})"), "import chisel3._\n",
                                   "import chisel3._\nimport chisel3.util._\n")
        return [substitute(ref, f"{lv} > i.U", f"{lv} >= i.U"), reversed_bits]
