"""Held out (Util): binary level to thermometer code (UIntToOH, VecInit). Used only in the eval set."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.util_common import clog2, comb_module_vectors, exhaustive_inputs, ref, source, swap, vname
from chisellm.hdl.vectors import Vectors


@register
class Thermometer(Family):
    """`therm` has its `min(level, n)` lowest bits set."""

    name = "heldout_thermometer"
    level = "Util"
    features = ("UIntToOH", "VecInit", "comparison")
    held_out = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["ThermometerEncoder", "LevelBar", "FillGauge", "UnaryEncoder"]),
                "io_style": rng.choice(["bundle", "flat"]), "n": rng.randrange(3, 17)}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        n = params["n"]
        return [PortSpec("level", "input", clog2(n + 1), doc="how many bits to set"),
                PortSpec("therm", "output", n, doc="thermometer code")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        n = params["n"]
        return [
            f"Convert the binary `level` into an {n}-bit thermometer code: the lowest `level` bits of `therm` are "
            f"1, the rest 0 (all {n} bits set when level >= {n}).",
            f"A unary (thermometer) encoder with {n} outputs: therm(i) = level > i.",
            f"Drive an {n}-segment bar graph: `therm` has bits 0 .. level-1 set; a level of 0 lights nothing and "
            f"any level of {n} or more lights everything.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        s, name, n = params["io_style"], params["module_name"], params["n"]
        lv, th = ref(s, "level"), ref(s, "therm")
        decls = [("level", f"Input(UInt({clog2(n + 1)}.W))"), ("therm", f"Output(UInt({n}.W))")]
        return {
            "compare_vec": source(name, s, decls, f"  {th} := VecInit(Seq.tabulate({n})(i => {lv} > i.U)).asUInt\n"),
            "onehot_minus_one": source(name, s, decls, f"  val clamped = Mux({lv} > {n}.U, {n}.U, {lv})\n"
                                                       f"  {th} := (UIntToOH(clamped, {n + 1}) - 1.U)({n - 1}, 0)\n"),
            "or_reduce": source(name, s, decls, f"  {th} := (0 until {n}).map(i => ({lv} > i.U).asUInt << i).reduce(_ | _)\n"),
        }

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        s, n = params["io_style"], params["n"]
        specs = self.ports(params)

        def fn(ins: dict[str, int]) -> dict[str, int | None]:
            return {vname(s, "therm"): (1 << min(ins[vname(s, "level")], n)) - 1}

        return comb_module_vectors(specs, s, fn, exhaustive_inputs(specs, s))

    def mutants(self, params: dict[str, Any]) -> list[str]:
        s = params["io_style"]
        lv = ref(s, "level")
        code = self.styles(params)["compare_vec"]
        return [swap(code, f"{lv} > i.U", f"{lv} >= i.U"), swap(code, ".asUInt", ".asUInt >> 1")]
