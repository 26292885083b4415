"""L2: a binary-to-one-hot decoder with enable."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l1_l2_common import make_io, module_comb_vectors, module_source, substitute
from chisellm.hdl.vectors import Vectors


@register
class Decoder(Family):
    """`out` has only bit `in` set while `en`, else 0."""

    name = "decoder"
    level = "L2"
    features = ("UIntToOH", "switch", "<<", "one-hot")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        k = rng.choice([2, 3, 4, 5])
        return {"module_name": rng.choice([f"Decoder{k}Bit", "BinaryDecoder", "OneHotDecoder", "LineDecoder"]),
                "io_style": rng.choice(["bundle", "flat"]), "k": k}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        k = params["k"]
        return [PortSpec("en", "input", 1, kind="Bool", doc="enable; all outputs 0 when false"),
                PortSpec("sel", "input", k, doc="binary code"),
                PortSpec("out", "output", 1 << k, doc="one-hot decoded output")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        k, n = params["k"], 1 << params["k"]
        return [
            f"A {k}-to-{n} decoder with enable: when `en` is true, exactly bit `sel` of the {n}-bit output `out` is 1 "
            f"(sel = 0 sets bit 0, the LSB); when `en` is false, out is 0.",
            f"Decode the {k}-bit binary value `sel` into a {n}-bit one-hot word `out` = 1 << sel, gated by `en` "
            f"(out = 0 while en is low).",
            f"Binary to one-hot: out[i] = en && (sel == i) for i in 0..{n - 1}.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        k, n = params["k"], 1 << params["k"]
        en, sel, out = io("en"), io("sel"), io("out")
        util = f"  {out} := Mux({en}, UIntToOH({sel}, {n}), 0.U)\n"
        shift = f"  {out} := 0.U\n  when({en}) {{\n    {out} := 1.U << {sel}\n  }}\n"
        cases = "\n".join(f"      is({i}.U) {{ {out} := \"b{1 << i:0{n}b}\".U }}" for i in range(n))
        switch = f"  {out} := 0.U\n  when({en}) {{\n    switch({sel}) {{\n{cases}\n    }}\n  }}\n"
        compare = f"  {out} := VecInit((0 until {n}).map(i => {en} && {sel} === i.U)).asUInt\n"
        name = params["module_name"]
        return {"uint_to_oh": module_source(name, io, util, util=True), "shift": module_source(name, io, shift),
                "switch_is": module_source(name, io, switch, util=True),
                "compare_vec": module_source(name, io, compare)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        return module_comb_vectors(self.ports(params), params,
                                   lambda v: {"out": (1 << v["sel"]) if v["en"] else 0}, rng)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        n, en, sel = 1 << params["k"], io("en"), io("sel")
        ref = self.styles(params)["uint_to_oh"]
        return [substitute(ref, f"Mux({en}, UIntToOH({sel}, {n}), 0.U)", f"UIntToOH({sel}, {n})"),
                substitute(ref, f"UIntToOH({sel}, {n})", f"Reverse(UIntToOH({sel}, {n}))")]
