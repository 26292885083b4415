"""L2: a 1-to-N demultiplexer onto a Vec output."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l1_l2_common import bits_for, make_io, module_comb_vectors, module_source, substitute
from chisellm.hdl.vectors import Vectors


@register
class Demux(Family):
    """`out(sel)` = data, every other element of `out` = 0."""

    name = "demux"
    level = "L2"
    features = ("Vec", "for loop", "when", "VecInit", "demultiplexer")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        n = rng.choice([2, 3, 4, 5, 6, 8])
        return {"module_name": rng.choice([f"Demux{n}Way", "Demultiplexer", "DataRouter", "OutputSelect"]),
                "io_style": rng.choice(["bundle", "flat"]), "n": n, "width": rng.choice([1, 2, 4, 8, 16])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        n, w = params["n"], params["width"]
        return [PortSpec("sel", "input", bits_for(n - 1), doc="which output receives data"),
                PortSpec("data", "input", w, doc="value to route"),
                PortSpec("out", "output", w, kind="Vec", count=n, doc="out(sel) = data, others 0")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        n, w, s = params["n"], params["width"], bits_for(params["n"] - 1)
        extra = "" if n == 1 << s else f" If sel is {n} or more, every output is 0."
        return [
            f"A 1-to-{n} demultiplexer: the {w}-bit `data` appears on element `sel` of the output Vec `out` "
            f"({n} elements of {w} bits); all other elements are 0.{extra}",
            f"Route `data` ({w} bits) to out(sel) and drive zero on the remaining {n - 1} outputs; `sel` is a "
            f"{s}-bit index.{extra}",
            f"out(i) = (sel == i) ? data : 0 for i in 0..{n - 1}, where out is a Vec of {n} UInt({w}.W).{extra}",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        n, sel, data, out = params["n"], io("sel"), io("data"), io("out")
        loop = (f"  for (i <- 0 until {n}) {{\n    {out}(i) := 0.U\n  }}\n"
                f"  for (i <- 0 until {n}) {{\n    when({sel} === i.U) {{ {out}(i) := {data} }}\n  }}\n")
        vec = f"  {out} := VecInit((0 until {n}).map(i => Mux({sel} === i.U, {data}, 0.U)))\n"
        zip = (f"  {out}.zipWithIndex.foreach {{ case (port, i) =>\n"
               f"    port := Mux({sel} === i.U, {data}, 0.U)\n  }}\n")
        name = params["module_name"]
        return {"when_loop": module_source(name, io, loop), "vecinit_map": module_source(name, io, vec),
                "zip_with_index": module_source(name, io, zip)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        n = params["n"]
        return module_comb_vectors(self.ports(params), params, lambda v: {
            f"out_{i}": v["data"] if v["sel"] == i else 0 for i in range(n)}, rng)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        sel, data = io("sel"), io("data")
        ref = self.styles(params)["vecinit_map"]
        return [substitute(ref, f"Mux({sel} === i.U, {data}, 0.U)", f"Mux({sel} === (i + 1).U, {data}, 0.U)"),
                substitute(ref, f"Mux({sel} === i.U, {data}, 0.U)", f"Mux({sel} >= i.U, {data}, 0.U)")]
