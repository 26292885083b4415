"""Util: a modulo event counter with a wrap pulse (chisel3.util.Counter)."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register, reset_then_random, seq_vectors
from chisellm.data.families.util_common import clog2, ref, source, swap, vname
from chisellm.hdl.vectors import Vectors


@register
class UtilCounter(Family):
    """`value` counts `inc` pulses modulo n; `wrap` is true in the cycle the count goes from n-1 to 0."""

    name = "util_counter"
    level = "Util"
    features = ("Counter", "RegInit", "wrap")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["EventCounter", "WrapCounter", "PulseCounter", "ModCounter"]),
                "io_style": rng.choice(["bundle", "flat"]), "n": rng.randrange(3, 25)}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        return [PortSpec("inc", "input", 1, kind="Bool", doc="count this cycle"),
                PortSpec("value", "output", clog2(params["n"]), doc="current count"),
                PortSpec("wrap", "output", 1, kind="Bool", doc="inc is true and value is at its maximum")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        n = params["n"]
        return [
            f"Count cycles in which `inc` is true, modulo {n} (0, 1, ..., {n - 1}, 0, ...), starting from 0 after "
            f"reset. `wrap` is true when `inc` is true and the count is {n - 1}.",
            f"A chisel3.util.Counter with {n} states, advanced by `inc`; expose the count on `value` and the "
            f"wrap-around pulse on `wrap`.",
            f"Modulo-{n} event counter: `value` increments on each `inc` and returns to 0 after {n - 1}; "
            f"`wrap` = inc && value == {n - 1}.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        s, name, n = params["io_style"], params["module_name"], params["n"]
        inc, value, wrap = ref(s, "inc"), ref(s, "value"), ref(s, "wrap")
        decls = [("inc", "Input(Bool())"), ("value", f"Output(UInt({clog2(n)}.W))"), ("wrap", "Output(Bool())")]
        return {
            "counter_apply": source(name, s, decls, f"  val (count, wrapped) = Counter({inc}, {n})\n"
                                                    f"  {value} := count\n  {wrap} := wrapped\n"),
            "counter_object": source(name, s, decls, f"  val counter = Counter({n})\n  val wrapped = WireDefault(false.B)\n"
                                                     f"  when({inc}) {{ wrapped := counter.inc() }}\n"
                                                     f"  {value} := counter.value\n  {wrap} := wrapped\n"),
            "manual": source(name, s, decls, f"  val count = RegInit(0.U({clog2(n)}.W))\n"
                                             f"  val atMax = count === {n - 1}.U\n"
                                             f"  when({inc}) {{ count := Mux(atMax, 0.U, count + 1.U) }}\n"
                                             f"  {value} := count\n  {wrap} := {inc} && atMax\n"),
        }

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        s, n = params["io_style"], params["n"]
        vinc, vval, vwrap = vname(s, "inc"), vname(s, "value"), vname(s, "wrap")
        state = [0]

        def model(ins: dict[str, int]) -> dict[str, int | None]:
            v = state[0]
            outs = {vval: v, vwrap: int(bool(ins[vinc]) and v == n - 1)}
            if ins["reset"]:
                state[0] = 0
            elif ins[vinc]:
                state[0] = 0 if v == n - 1 else v + 1
            return outs

        specs = self.ports(params)
        return seq_vectors(specs, s, model, reset_then_random(specs, s, rng, cycles=260, bias={vinc: 0.75},
                                                             mid_reset_prob=0.01))

    def mutants(self, params: dict[str, Any]) -> list[str]:
        s, n = params["io_style"], params["n"]
        inc = ref(s, "inc")
        apply, manual = self.styles(params)["counter_apply"], self.styles(params)["manual"]
        return [swap(apply, f"Counter({inc}, {n})", f"Counter({inc}, {n - 1})"),
                swap(manual, f"{ref(s, 'wrap')} := {inc} && atMax", f"{ref(s, 'wrap')} := atMax"),
                swap(manual, f"when({inc}) {{ count", f"when(true.B) {{ count")]
