"""L2: an N:1 multiplexer over a Vec input, with 0 for out-of-range selects."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l1_l2_common import bits_for, make_io, module_comb_vectors, module_source, substitute
from chisellm.hdl.vectors import Vectors


@register
class MuxN(Family):
    """`out` = in(sel) for sel < n, else 0."""

    name = "mux_n"
    level = "L2"
    features = ("Vec", "MuxLookup", "switch", "dynamic index")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        n = rng.choice([3, 4, 5, 6, 8])
        return {"module_name": rng.choice([f"Mux{n}Way", "VecSelector", "InputSelect", "WordMux"]),
                "io_style": rng.choice(["bundle", "flat"]), "n": n, "width": rng.choice([2, 4, 8, 16])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        n, w = params["n"], params["width"]
        return [PortSpec("sel", "input", bits_for(n - 1), doc="index of the input to pass"),
                PortSpec("in", "input", w, kind="Vec", count=n, doc=f"{n} data inputs"),
                PortSpec("out", "output", w, doc="in(sel), or 0 when sel is out of range")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        n, w, s = params["n"], params["width"], bits_for(params["n"] - 1)
        extra = "" if n == 1 << s else f" When sel is {n} or more, `out` is 0."
        return [
            f"A {n}-to-1 multiplexer: the input `in` is a Vec of {n} {w}-bit values and the {s}-bit `sel` chooses "
            f"which one appears on `out` (sel = i selects in(i)).{extra}",
            f"Route element `sel` of the {n}-element Vec `in` ({w} bits each) to `out`.{extra}",
            f"out = in[sel] for a Vec(n = {n}) of UInt({w}.W) inputs and a {s}-bit select."
            + (extra or " Every sel value is in range."),
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        n, s = params["n"], bits_for(params["n"] - 1)
        sel, vin, out = io("sel"), io("in"), io("out")
        full = n == 1 << s
        lookup = f"  {out} := MuxLookup({sel}, 0.U)((0 until {n}).map(i => i.U -> {vin}(i)))\n"
        cases = "\n".join(f"    is({i}.U) {{ {out} := {vin}({i}) }}" for i in range(n))
        switch = f"  {out} := 0.U\n  switch({sel}) {{\n{cases}\n  }}\n"
        index = (f"  {out} := {vin}({sel})\n" if full else f"  {out} := Mux({sel} < {n}.U, {vin}({sel}), 0.U)\n")
        name = params["module_name"]
        return {"mux_lookup": module_source(name, io, lookup, util=True),
                "switch_is": module_source(name, io, switch, util=True),
                "vec_index": module_source(name, io, index)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        n = params["n"]
        return module_comb_vectors(self.ports(params), params, lambda v: {
            "out": v[f"in_{v['sel']}"] if v["sel"] < n else 0}, rng)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        n, sel, vin, out = params["n"], io("sel"), io("in"), io("out")
        ref = self.styles(params)["switch_is"]
        swapped = substitute(substitute(ref, f"is(1.U) {{ {out} := {vin}(1) }}", f"is(1.U) {{ {out} := {vin}(2) }}"),
                             f"is(2.U) {{ {out} := {vin}(2) }}", f"is(2.U) {{ {out} := {vin}(1) }}")
        off_by_one = substitute(self.styles(params)["mux_lookup"], f"i.U -> {vin}(i)", f"(i + 1).U -> {vin}(i)")
        return [swapped, off_by_one]
