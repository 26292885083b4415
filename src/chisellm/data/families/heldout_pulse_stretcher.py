"""Held out (L3): a retriggerable pulse stretcher. Used only in the eval set."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register, reset_then_random, seq_vectors
from chisellm.data.families.util_common import clog2, ref, source, swap, vname
from chisellm.hdl.vectors import Vectors


@register
class PulseStretcher(Family):
    """`out` is true for the `k` cycles after the last `trig` (registered: from the next cycle on)."""

    name = "heldout_pulse_stretcher"
    level = "L3"
    features = ("RegInit", "down counter", "when/elsewhen")
    clocked = True
    held_out = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["PulseStretcher", "HoldTimer", "OneShot", "BlinkExtender"]),
                "io_style": rng.choice(["bundle", "flat"]), "k": rng.randrange(2, 13)}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        return [PortSpec("trig", "input", 1, kind="Bool"), PortSpec("out", "output", 1, kind="Bool")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        k = params["k"]
        return [
            f"Stretch pulses: after a clock edge where `trig` is true, `out` stays true for the next {k} cycles; "
            f"a new `trig` restarts the {k}-cycle window. `out` is false after reset.",
            f"A retriggerable one-shot with a {k}-cycle hold: a counter loads {k} when `trig` is sampled high and "
            f"counts down to 0; `out` is true while the counter is nonzero.",
            f"Extend every `trig` pulse to {k} cycles (registered output, so `out` rises one cycle after `trig`); "
            f"overlapping triggers extend the pulse.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        s, name, k = params["io_style"], params["module_name"], params["k"]
        trig, out = ref(s, "trig"), ref(s, "out")
        cw = clog2(k + 1)
        decls = [("trig", "Input(Bool())"), ("out", "Output(Bool())")]
        return {
            "when_counter": source(name, s, decls, f"  val remaining = RegInit(0.U({cw}.W))\n"
                                                   f"  when({trig}) {{\n    remaining := {k}.U\n  }}.elsewhen(remaining =/= 0.U) {{\n"
                                                   f"    remaining := remaining - 1.U\n  }}\n  {out} := remaining =/= 0.U\n"),
            "mux_counter": source(name, s, decls, f"  val remaining = RegInit(0.U({cw}.W))\n"
                                                  f"  remaining := Mux({trig}, {k}.U, Mux(remaining === 0.U, 0.U, remaining - 1.U))\n"
                                                  f"  {out} := remaining.orR\n"),
        }

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        s, k = params["io_style"], params["k"]
        vt, vo = vname(s, "trig"), vname(s, "out")
        count = [0]

        def model(ins: dict[str, int]) -> dict[str, int | None]:
            outs = {vo: int(count[0] != 0)}
            if ins["reset"]:
                count[0] = 0
            elif ins[vt]:
                count[0] = k
            elif count[0]:
                count[0] -= 1
            return outs

        specs = self.ports(params)
        return seq_vectors(specs, s, model, reset_then_random(specs, s, rng, cycles=260, bias={vt: 0.08}))

    def mutants(self, params: dict[str, Any]) -> list[str]:
        s, k = params["io_style"], params["k"]
        trig, out = ref(s, "trig"), ref(s, "out")
        code = self.styles(params)["when_counter"]
        return [swap(code, f"remaining := {k}.U", f"remaining := {k - 1}.U"),
                swap(code, f"when({trig}) {{", f"when({trig} && remaining === 0.U) {{"),
                swap(code, f"{out} := remaining =/= 0.U", f"{out} := remaining =/= 0.U || {trig}")]
