"""Util: a resettable delay line with optional enable (chisel3.util.ShiftRegister)."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register, reset_then_random, seq_vectors
from chisellm.data.families.util_common import ref, source, swap, vname
from chisellm.hdl.vectors import Vectors


@register
class UtilShiftRegister(Family):
    """`out` is `in` delayed by `depth` (enabled) cycles; every stage resets to 0."""

    name = "util_shift_register"
    level = "Util"
    features = ("ShiftRegister", "RegInit", "Vec")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["DelayChain", "TapDelay", "StageDelay", "SampleDelay"]),
                "io_style": rng.choice(["bundle", "flat"]), "width": rng.choice([1, 2, 4, 8, 12, 16, 32]),
                "depth": rng.randrange(1, 9), "enable": rng.random() < 0.6}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w = params["width"]
        en = [PortSpec("en", "input", 1, kind="Bool", doc="shift only when true")] if params["enable"] else []
        return [PortSpec("in", "input", w), *en, PortSpec("out", "output", w)]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w, d = params["width"], params["depth"]
        en = " The chain advances only in cycles where `en` is true." if params["enable"] else ""
        return [
            f"Delay the {w}-bit input `in` by {d} clock cycles; all {d} stages reset to 0.{en}",
            f"A {d}-stage shift register of UInt({w}.W) (chisel3.util.ShiftRegister with reset value 0): `out` "
            f"shows the value `in` had {d} shifts ago.{en}",
            f"Build a resettable {d}-deep delay line for {w}-bit samples; after reset `out` reads 0 until real "
            f"data has shifted through.{en}",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        s, name, w, d = params["io_style"], params["module_name"], params["width"], params["depth"]
        i, o = ref(s, "in"), ref(s, "out")
        en = ref(s, "en") if params["enable"] else "true.B"
        decls = [("in", f"Input(UInt({w}.W))"), *([("en", "Input(Bool())")] if params["enable"] else []),
                 ("out", f"Output(UInt({w}.W))")]
        shift_body = (f"  regs(0) := {i}\n  for (k <- 1 until {d}) {{\n    regs(k) := regs(k - 1)\n  }}\n")
        if params["enable"]:
            shift_body = f"  when({en}) {{\n" + "".join("  " + line + "\n" for line in shift_body.splitlines()) + "  }\n"
        return {
            "shift_register": source(name, s, decls, f"  {o} := ShiftRegister({i}, {d}, 0.U({w}.W), {en})\n"),
            "vec_reg": source(name, s, decls, f"  val regs = RegInit(VecInit(Seq.fill({d})(0.U({w}.W))))\n"
                                              f"{shift_body}  {o} := regs({d - 1})\n"),
        }

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        s, d = params["io_style"], params["depth"]
        regs = [0] * d
        vin, ven, vout = vname(s, "in"), vname(s, "en"), vname(s, "out")

        def model(ins: dict[str, int]) -> dict[str, int | None]:
            outs = {vout: regs[-1]}
            if ins["reset"]:
                regs[:] = [0] * d
            elif ins.get(ven, 1):
                regs[:] = [ins[vin]] + regs[:-1]
            return outs

        specs = self.ports(params)
        stim = reset_then_random(specs, s, rng, cycles=240, bias={ven: 0.7} if params["enable"] else None)
        return seq_vectors(specs, s, model, stim)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        s, w, d = params["io_style"], params["width"], params["depth"]
        i = ref(s, "in")
        en = ref(s, "en") if params["enable"] else "true.B"
        code = self.styles(params)["shift_register"]
        call = f"ShiftRegister({i}, {d}, 0.U({w}.W), {en})"
        out = [swap(code, call, f"ShiftRegister({i}, {d + 1}, 0.U({w}.W), {en})")]
        if d > 1:
            out.append(swap(code, call, f"ShiftRegister({i}, {d - 1}, 0.U({w}.W), {en})"))
        if params["enable"]:
            out.append(swap(code, call, f"ShiftRegister({i}, {d}, 0.U({w}.W), true.B)"))
        return out
