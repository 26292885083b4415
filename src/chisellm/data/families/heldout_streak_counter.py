"""Held out (L3): a saturating counter of consecutive high cycles with a threshold flag. Eval only."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register, reset_then_random, seq_vectors
from chisellm.data.families.util_common import ref, source, swap, vname
from chisellm.hdl.vectors import Vectors


@register
class StreakCounter(Family):
    """`streak` counts consecutive cycles with `in` high (saturating); `hit` = streak >= threshold."""

    name = "heldout_streak_counter"
    level = "L3"
    features = ("RegInit", "saturation", "when/otherwise")
    clocked = True
    held_out = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        width = rng.randrange(2, 7)
        return {"module_name": rng.choice(["StreakCounter", "RunLengthMeter", "HighTimeCounter", "PersistenceCheck"]),
                "io_style": rng.choice(["bundle", "flat"]), "width": width,
                "threshold": rng.randrange(1, min(1 << width, 12))}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        return [PortSpec("in", "input", 1, kind="Bool"),
                PortSpec("streak", "output", params["width"], doc="consecutive high cycles so far (saturating)"),
                PortSpec("hit", "output", 1, kind="Bool", doc=f"streak >= {params['threshold']}")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w, t = params["width"], params["threshold"]
        top = (1 << w) - 1
        return [
            f"Count how many consecutive clock edges have sampled `in` high: a low `in` clears the {w}-bit "
            f"register `streak` to 0, a high one increments it, saturating at {top}. `hit` is true while "
            f"streak >= {t}. Reset clears the count.",
            f"A run-length meter for a Bool input: `streak` (UInt({w}.W)) is the length of the current run of "
            f"high samples, capped at {top}; `hit` flags runs of at least {t}.",
            f"Detect a signal that has stayed high for {t} or more cycles: keep a saturating {w}-bit counter of "
            f"the current high streak (`streak`, 0 after reset or after a low sample) and output `hit`.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        s, name, w, t = params["io_style"], params["module_name"], params["width"], params["threshold"]
        i, st, hit = ref(s, "in"), ref(s, "streak"), ref(s, "hit")
        top = (1 << w) - 1
        decls = [("in", "Input(Bool())"), ("streak", f"Output(UInt({w}.W))"), ("hit", "Output(Bool())")]
        return {
            "when_chain": source(name, s, decls, f"  val count = RegInit(0.U({w}.W))\n"
                                                 f"  when(!{i}) {{\n    count := 0.U\n  }}.elsewhen(count =/= {top}.U) {{\n"
                                                 f"    count := count + 1.U\n  }}\n  {st} := count\n  {hit} := count >= {t}.U\n"),
            "mux_next": source(name, s, decls, f"  val count = RegInit(0.U({w}.W))\n"
                                               f"  count := Mux({i}, Mux(count.andR, count, count + 1.U), 0.U)\n"
                                               f"  {st} := count\n  {hit} := count >= {t}.U\n"),
        }

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        s, w, t = params["io_style"], params["width"], params["threshold"]
        vin, vst, vhit = vname(s, "in"), vname(s, "streak"), vname(s, "hit")
        count = [0]

        def model(ins: dict[str, int]) -> dict[str, int | None]:
            outs = {vst: count[0], vhit: int(count[0] >= t)}
            if ins["reset"] or not ins[vin]:
                count[0] = 0
            else:
                count[0] = min(count[0] + 1, (1 << w) - 1)
            return outs

        specs = self.ports(params)
        return seq_vectors(specs, s, model, reset_then_random(specs, s, rng, cycles=260, bias={vin: 0.85}))

    def mutants(self, params: dict[str, Any]) -> list[str]:
        s, t, w = params["io_style"], params["threshold"], params["width"]
        code = self.styles(params)["when_chain"]
        return [swap(code, f"count >= {t}.U", f"count > {t}.U"),
                swap(code, f".elsewhen(count =/= {(1 << w) - 1}.U)", ".otherwise"),
                swap(code, f"    count := 0.U\n", "    count := count\n")]
