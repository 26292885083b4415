"""Util: a register loaded only when enabled, with a reset value (chisel3.util.RegEnable)."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register, reset_then_random, seq_vectors
from chisellm.data.families.util_common import ref, source, swap, vname
from chisellm.hdl.vectors import Vectors


def _literal(value: int) -> str:
    """A UInt literal prefix: `5.U`, or a hex string where the value does not fit a Scala Int."""
    return f"{value}.U" if value < 2**31 else f"\"h{value:x}\".U"


@register
class UtilRegEnable(Family):
    """`q` holds its value, takes `d` when `load` is true, and resets to `init`."""

    name = "util_reg_enable"
    level = "Util"
    features = ("RegEnable", "RegInit", "when")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        width = rng.choice([1, 3, 4, 6, 8, 12, 16, 24, 32])
        return {"module_name": rng.choice(["HoldRegister", "LoadableRegister", "CaptureRegister", "SampleHold"]),
                "io_style": rng.choice(["bundle", "flat"]), "width": width, "init": rng.randrange(1 << width)}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w = params["width"]
        return [PortSpec("d", "input", w, doc="value to load"), PortSpec("load", "input", 1, kind="Bool"),
                PortSpec("q", "output", w, doc="stored value")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w, init = params["width"], params["init"]
        return [
            f"A {w}-bit register `q` that captures `d` on a clock edge only when `load` is true and holds its "
            f"value otherwise; reset sets it to {init}.",
            f"Use chisel3.util.RegEnable to build a loadable {w}-bit register with reset value {init} "
            f"(0x{init:x}); `load` enables the update.",
            f"Sample-and-hold: when `load` is asserted the next value of `q` is `d`, else `q` keeps its value. "
            f"Width {w}, synchronous reset value {init}.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        s, name, w, init = params["io_style"], params["module_name"], params["width"], params["init"]
        d, load, q = ref(s, "d"), ref(s, "load"), ref(s, "q")
        lit = _literal(init)
        decls = [("d", f"Input(UInt({w}.W))"), ("load", "Input(Bool())"), ("q", f"Output(UInt({w}.W))")]
        return {
            "reg_enable": source(name, s, decls, f"  {q} := RegEnable({d}, {lit}({w}.W), {load})\n"),
            "reg_init_when": source(name, s, decls, f"  val stored = RegInit({lit}({w}.W))\n"
                                                    f"  when({load}) {{\n    stored := {d}\n  }}\n  {q} := stored\n"),
            "reg_init_mux": source(name, s, decls, f"  val stored = RegInit({lit}({w}.W))\n"
                                                   f"  stored := Mux({load}, {d}, stored)\n  {q} := stored\n"),
        }

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        s, init = params["io_style"], params["init"]
        vd, vl, vq = vname(s, "d"), vname(s, "load"), vname(s, "q")
        state = [init]

        def model(ins: dict[str, int]) -> dict[str, int | None]:
            outs = {vq: state[0]}
            if ins["reset"]:
                state[0] = init
            elif ins[vl]:
                state[0] = ins[vd]
            return outs

        specs = self.ports(params)
        return seq_vectors(specs, s, model, reset_then_random(specs, s, rng, cycles=220, bias={vl: 0.3},
                                                             mid_reset_prob=0.04))

    def mutants(self, params: dict[str, Any]) -> list[str]:
        s, w, init = params["io_style"], params["width"], params["init"]
        d, load = ref(s, "d"), ref(s, "load")
        lit = _literal(init)
        code = self.styles(params)["reg_enable"]
        call = f"RegEnable({d}, {lit}({w}.W), {load})"
        return [swap(code, call, f"RegEnable({d}, {lit}({w}.W), !{load})"),
                swap(code, call, f"RegNext({d}, {lit}({w}.W))"),
                swap(code, call, f"RegEnable({d}, {load})")]
