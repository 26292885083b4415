"""L2: a priority multiplexer: the lowest-numbered active request wins."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l1_l2_common import make_io, module_comb_vectors, module_source, substitute
from chisellm.hdl.vectors import Vectors


@register
class PriorityMuxFamily(Family):
    """`out` = data(i) for the smallest i with req(i) set, else 0."""

    name = "priority_mux"
    level = "L2"
    features = ("MuxCase", "PriorityMux", "when", "elsewhen", "Vec")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["PrioritySelect", "PriorityMuxer", "FirstRequestMux", "ReqSelect"]),
                "io_style": rng.choice(["bundle", "flat"]), "n": rng.choice([2, 3, 4, 5]),
                "width": rng.choice([2, 4, 8])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        n, w = params["n"], params["width"]
        return [PortSpec("req", "input", n, doc="request bits, bit 0 has the highest priority"),
                PortSpec("data", "input", w, kind="Vec", count=n, doc="value of each requester"),
                PortSpec("out", "output", w, doc="value of the winning requester, or 0")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        n, w = params["n"], params["width"]
        return [
            f"A priority multiplexer over {n} requesters: `out` is data(i) for the smallest index i whose bit in the "
            f"{n}-bit `req` is set (bit 0 has the highest priority); when req is 0, out is 0. data is a Vec of {n} "
            f"{w}-bit values.",
            f"Select data(0) if req(0), else data(1) if req(1), ... up to data({n - 1}); output 0 when no request "
            f"bit is set. All data values are {w}-bit unsigned.",
            f"Lowest-index-wins selection: find the first set bit of `req` scanning from bit 0 upward and output "
            f"the matching element of `data` ({w} bits); with no request the output is zero.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        n = params["n"]
        req, data, out = io("req"), io("data"), io("out")
        muxcase = f"  {out} := MuxCase(0.U, (0 until {n}).map(i => {req}(i) -> {data}(i)))\n"
        chain = f"  when({req}(0)) {{\n    {out} := {data}(0)\n  }}"
        for i in range(1, n):
            chain += f".elsewhen({req}({i})) {{\n    {out} := {data}({i})\n  }}"
        chain += f".otherwise {{\n    {out} := 0.U\n  }}\n"
        prio = (f"  {out} := PriorityMux({req}.asBools :+ true.B, {data}.toSeq :+ 0.U)\n")
        name = params["module_name"]
        return {"mux_case": module_source(name, io, muxcase, util=True),
                "when_chain": module_source(name, io, chain),
                "priority_mux": module_source(name, io, prio, util=True)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        n = params["n"]

        def fn(v: dict[str, int]) -> dict[str, int]:
            for i in range(n):
                if v["req"] >> i & 1:
                    return {"out": v[f"data_{i}"]}
            return {"out": 0}

        return module_comb_vectors(self.ports(params), params, fn, rng, random_count=400)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        n, req, data = params["n"], io("req"), io("data")
        ref = self.styles(params)["mux_case"]
        return [substitute(ref, f"(0 until {n}).map", f"({n - 1} to 0 by -1).map"),
                substitute(ref, f"{req}(i) -> {data}(i)", f"{req}(i) -> {data}({n - 1} - i)")]
