"""Util: a one-hot multiplexer (chisel3.util.Mux1H)."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.util_common import comb_module_vectors, ref, source, swap, vname
from chisellm.hdl.vectors import Vectors


@register
class UtilMux1H(Family):
    """`out` is the element of `in` whose bit in the one-hot `sel` is set."""

    name = "util_mux1h"
    level = "Util"
    features = ("Mux1H", "Vec", "one-hot")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["OneHotSelector", "OneHotMux", "HotSelect", "GrantMux"]),
                "io_style": rng.choice(["bundle", "flat"]), "n": rng.choice([2, 3, 4, 5, 6, 8]),
                "width": rng.choice([1, 4, 8, 12, 16, 32])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        n, w = params["n"], params["width"]
        return [PortSpec("sel", "input", n, doc="one-hot select (exactly one bit set)"),
                PortSpec("in", "input", w, kind="Vec", count=n, doc="the candidates"),
                PortSpec("out", "output", w, doc="the selected candidate")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        n, w = params["n"], params["width"]
        return [
            f"A one-hot multiplexer over {n} inputs of {w} bits: when bit i of `sel` is the only bit set, "
            f"`out` equals `in(i)`. Use chisel3.util.Mux1H.",
            f"Select one of the {n} elements of `in` with a one-hot {n}-bit `sel` (sel is always one-hot).",
            f"`out` = in(k) where sel == 1 << k. Inputs: `sel` (UInt({n}.W), one-hot) and `in` "
            f"(Vec({n}, UInt({w}.W))).",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        s, name, n, w = params["io_style"], params["module_name"], params["n"], params["width"]
        sel, i, o = ref(s, "sel"), ref(s, "in"), ref(s, "out")
        decls = [("sel", f"Input(UInt({n}.W))"), ("in", f"Input(Vec({n}, UInt({w}.W)))"),
                 ("out", f"Output(UInt({w}.W))")]
        return {
            "mux1h_vec": source(name, s, decls, f"  {o} := Mux1H({sel}, {i})\n"),
            "mux1h_pairs": source(name, s, decls, f"  {o} := Mux1H(Seq.tabulate({n})(k => {sel}(k) -> {i}(k)))\n"),
            "and_or": source(name, s, decls,
                             f"  {o} := {i}.zipWithIndex.map {{ case (v, k) => Mux({sel}(k), v, 0.U) }}.reduce(_ | _)\n"),
        }

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        s, n, w = params["io_style"], params["n"], params["width"]
        names = [vname(s, "in") + f"_{k}" for k in range(n)]
        stim = []
        for _ in range(300):
            row = {vname(s, "sel"): 1 << rng.randrange(n)}
            row.update({nm: rng.randrange(1 << w) for nm in names})
            stim.append(row)

        def fn(ins: dict[str, int]) -> dict[str, int | None]:
            k = ins[vname(s, "sel")].bit_length() - 1
            return {vname(s, "out"): ins[names[k]]}

        return comb_module_vectors(self.ports(params), s, fn, stim)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        s = params["io_style"]
        sel, i = ref(s, "sel"), ref(s, "in")
        code = self.styles(params)["mux1h_vec"]
        return [swap(code, f"Mux1H({sel}, {i})", f"Mux1H(Reverse({sel}), {i})"),
                swap(code, f"Mux1H({sel}, {i})", f"Mux1H({sel} << 1, {i})")]
