"""L1: concatenation with Cat and replication with Fill."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l1_l2_common import make_io, module_comb_vectors, module_source, substitute
from chisellm.hdl.vectors import Vectors


@register
class ConcatFill(Family):
    """`joined` = hi ## lo; `repeated` = `pattern` replicated `times` times."""

    name = "concat_fill"
    level = "L1"
    features = ("Cat", "Fill", "##")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["ConcatReplicate", "BitJoiner", "CatFill", "PackBits"]),
                "io_style": rng.choice(["bundle", "flat"]), "hw": rng.randint(2, 6), "lw": rng.randint(2, 6),
                "pw": rng.randint(1, 3), "times": rng.randint(2, 4)}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        hw, lw, pw, t = params["hw"], params["lw"], params["pw"], params["times"]
        return [PortSpec("hi", "input", hw, doc="upper part"), PortSpec("lo", "input", lw, doc="lower part"),
                PortSpec("pattern", "input", pw, doc="pattern to replicate"),
                PortSpec("joined", "output", hw + lw, doc="hi concatenated above lo"),
                PortSpec("repeated", "output", pw * t, doc=f"pattern repeated {t} times")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        hw, lw, pw, t = params["hw"], params["lw"], params["pw"], params["times"]
        return [
            f"Concatenate the {hw}-bit `hi` above the {lw}-bit `lo` into the {hw + lw}-bit output `joined` (lo "
            f"occupies the low {lw} bits), and output `repeated`: the {pw}-bit `pattern` replicated {t} times "
            f"({pw * t} bits).",
            f"`joined` = {{hi, lo}} (hi in the most significant {hw} bits); `repeated` = {{{t}{{pattern}}}}, i.e. "
            f"{t} copies of the {pw}-bit pattern side by side.",
            f"Build two outputs by bit concatenation: joined ({hw + lw} bits) = hi followed by lo, with lo at bit 0; "
            f"repeated ({pw * t} bits) = pattern copied {t} times.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        t = params["times"]
        cat = (f"  {io('joined')} := Cat({io('hi')}, {io('lo')})\n"
               f"  {io('repeated')} := Fill({t}, {io('pattern')})\n")
        ops = (f"  {io('joined')} := {io('hi')} ## {io('lo')}\n"
               f"  {io('repeated')} := Cat(Seq.fill({t})({io('pattern')}))\n")
        return {"cat_fill": module_source(params["module_name"], io, cat, util=True),
                "concat_op": module_source(params["module_name"], io, ops, util=True)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        lw, pw, t = params["lw"], params["pw"], params["times"]

        def fn(v: dict[str, int]) -> dict[str, int]:
            rep = 0
            for _ in range(t):
                rep = (rep << pw) | v["pattern"]
            return {"joined": (v["hi"] << lw) | v["lo"], "repeated": rep}

        return module_comb_vectors(self.ports(params), params, fn, rng)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        t = params["times"]
        ref = self.styles(params)["cat_fill"]
        return [substitute(ref, f"Cat({io('hi')}, {io('lo')})", f"Cat({io('lo')}, {io('hi')})"),
                substitute(ref, f"Fill({t}, {io('pattern')})", f"Fill({t - 1}, {io('pattern')})")]
