"""L2: absolute value of a signed number."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l1_l2_common import make_io, module_comb_vectors, module_source, substitute
from chisellm.hdl.vectors import Vectors


@register
class AbsValue(Family):
    """`magnitude` = |x| as an unsigned number of the same width (so the most negative input fits)."""

    name = "abs_value"
    level = "L2"
    features = ("SInt", "Mux", "two's complement", "asUInt")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["AbsoluteValue", "Magnitude", "AbsUnit", "SignedAbs"]),
                "io_style": rng.choice(["bundle", "flat"]), "width": rng.randint(3, 16)}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w = params["width"]
        return [PortSpec("x", "input", w, True, "SInt", doc="signed input"),
                PortSpec("magnitude", "output", w, doc="|x| as UInt"),
                PortSpec("negative", "output", 1, kind="Bool", doc="x < 0")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w = params["width"]
        return [
            f"Output the absolute value of the {w}-bit signed input `x` as the {w}-bit unsigned `magnitude` "
            f"(so -{1 << (w - 1)} gives {1 << (w - 1)}), and `negative` = x < 0.",
            f"|x| for an SInt({w}.W) input: magnitude = x when x >= 0, else -x, as a UInt({w}.W); `negative` "
            f"flags a negative x.",
            f"Absolute value unit: given two's-complement x ({w} bits), produce its magnitude as an unsigned {w}-bit "
            f"number (no overflow, because the most negative value's magnitude {1 << (w - 1)} fits) and a sign flag.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        w, x, m, n, name = params["width"], io("x"), io("magnitude"), io("negative"), params["module_name"]
        mux = (f"  val isNeg = {x} < 0.S\n  {n} := isNeg\n"
               f"  {m} := Mux(isNeg, (0.S - {x}).asUInt, {x}.asUInt)\n")
        xor = (f"  val sign = {x}({w - 1})\n  {n} := sign\n"
               f"  {m} := ({x}.asUInt ^ Fill({w}, sign)) + sign\n")
        when = (f"  {n} := {x} < 0.S\n  when({x} < 0.S) {{\n    {m} := (-{x}).asUInt\n  }}.otherwise {{\n"
                f"    {m} := {x}.asUInt\n  }}\n")
        return {"mux": module_source(name, io, mux), "xor_increment": module_source(name, io, xor, util=True),
                "when_otherwise": module_source(name, io, when)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        return module_comb_vectors(self.ports(params), params,
                                   lambda v: {"magnitude": abs(v["x"]), "negative": int(v["x"] < 0)}, rng)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        w, x = params["width"], io("x")
        ref = self.styles(params)["xor_increment"]
        return [substitute(ref, f"({x}.asUInt ^ Fill({w}, sign)) + sign", f"{x}.asUInt ^ Fill({w}, sign)"),
                substitute(ref, f"val sign = {x}({w - 1})", f"val sign = {x}({w - 2})")]
