"""Util: a fixed-priority arbiter of Decoupled requesters (chisel3.util.Arbiter)."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.util_common import clog2, comb_module_vectors, random_inputs, ref, source, swap, vname
from chisellm.hdl.vectors import Vectors


@register
class UtilArbiter(Family):
    """The lowest-indexed valid input wins; its `ready` follows `out.ready`."""

    name = "util_arbiter"
    level = "Util"
    features = ("Arbiter", "Decoupled", "Vec", "PriorityEncoder")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["RequestArbiter", "PriorityArbiter", "PortArbiter", "BusArbiter"]),
                "io_style": rng.choice(["bundle", "flat"]), "n": rng.choice([2, 3, 4, 5, 6, 8]),
                "width": rng.choice([4, 8, 12, 16, 32])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        n, w = params["n"], params["width"]
        specs = []
        for i in range(n):
            specs += [PortSpec(f"in({i}).valid", "input", 1, kind="Bool"),
                      PortSpec(f"in({i}).ready", "output", 1, kind="Bool"),
                      PortSpec(f"in({i}).bits", "input", w)]
        return specs + [PortSpec("out.valid", "output", 1, kind="Bool"), PortSpec("out.ready", "input", 1, kind="Bool"),
                        PortSpec("out.bits", "output", w),
                        PortSpec("chosen", "output", clog2(n), doc="index of the granted input")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        n, w = params["n"], params["width"]
        return [
            f"Arbitrate {n} requesters `in: Flipped(Vec({n}, Decoupled(UInt({w}.W))))` onto one "
            f"`out: Decoupled(UInt({w}.W))` with fixed priority: the valid input with the lowest index wins and "
            f"`chosen` gives its index.",
            f"A {n}-input priority arbiter (like chisel3.util.Arbiter): `out.valid` is true when any input is "
            f"valid, `out.bits` is the winner's data, and input i is ready when `out.ready` is true and no input "
            f"with a lower index is valid.",
            f"Merge {n} ready/valid streams of {w}-bit data, input 0 having the highest priority. Report the "
            f"granted input on `chosen`.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        s, name, n, w = params["io_style"], params["module_name"], params["n"], params["width"]
        i, o, c = ref(s, "in"), ref(s, "out"), ref(s, "chosen")
        decls = [("in", f"Flipped(Vec({n}, Decoupled(UInt({w}.W))))"), ("out", f"Decoupled(UInt({w}.W))"),
                 ("chosen", f"Output(UInt({clog2(n)}.W))")]
        return {
            "arbiter_module": source(name, s, decls,
                                     f"  val arb = Module(new Arbiter(UInt({w}.W), {n}))\n"
                                     f"  arb.io.in <> {i}\n  {o} <> arb.io.out\n  {c} := arb.io.chosen\n"),
            "manual": source(name, s, decls,
                             f"  val valids = VecInit({i}.map(_.valid))\n"
                             f"  val winner = PriorityEncoder(valids)\n"
                             f"  {o}.valid := valids.asUInt.orR\n  {o}.bits := {i}(winner).bits\n  {c} := winner\n"
                             f"  for (k <- 0 until {n}) {{\n"
                             f"    val lowerValid = if (k == 0) false.B else valids.asUInt(k - 1, 0).orR\n"
                             f"    {i}(k).ready := {o}.ready && !lowerValid\n  }}\n"),
        }

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        s, n = params["io_style"], params["n"]

        def fn(ins: dict[str, int]) -> dict[str, int | None]:
            valids = [ins[vname(s, f"in({k}).valid")] for k in range(n)]
            winner = next((k for k, v in enumerate(valids) if v), None)
            out_ready = ins[vname(s, "out.ready")]
            outs: dict[str, int | None] = {
                vname(s, "out.valid"): int(winner is not None),
                vname(s, "out.bits"): None if winner is None else ins[vname(s, f"in({winner}).bits")],
                vname(s, "chosen"): winner,
            }
            for k in range(n):
                outs[vname(s, f"in({k}).ready")] = int(bool(out_ready) and not any(valids[:k]))
            return outs

        specs = self.ports(params)
        stim = random_inputs(specs, s, rng, 300)
        for row in stim:  # sparse requests so every priority position gets exercised
            for k in range(n):
                row[vname(s, f"in({k}).valid")] = int(rng.random() < 0.35)
        return comb_module_vectors(specs, s, fn, stim)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        s = params["io_style"]
        code = self.styles(params)["manual"]
        return [swap(code, "PriorityEncoder(valids)", "PriorityEncoder(valids.reverse)"),
                swap(code, f"{ref(s, 'out')}.ready && !lowerValid", "!lowerValid"),
                swap(code, "valids.asUInt.orR\n", "valids.asUInt.andR\n")]
