"""L2: minimum and maximum of two unsigned or signed values."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l1_l2_common import make_io, module_comb_vectors, module_source, substitute
from chisellm.hdl.vectors import Vectors


@register
class MinMax(Family):
    """`max` = the larger of a and b, `min` = the smaller."""

    name = "min_max"
    level = "L2"
    features = ("Mux", "<", "when", "SInt", "comparator")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["MinMax", "MaxMinUnit", "SortTwo", "CompareSwap"]),
                "io_style": rng.choice(["bundle", "flat"]), "width": rng.randint(2, 16),
                "signed": rng.choice([False, True])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w, s = params["width"], params["signed"]
        kind = "SInt" if s else "UInt"
        return [PortSpec("a", "input", w, s, kind), PortSpec("b", "input", w, s, kind),
                PortSpec("max", "output", w, s, kind, doc="larger of a and b"),
                PortSpec("min", "output", w, s, kind, doc="smaller of a and b")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w = params["width"]
        how = "signed two's-complement (SInt)" if params["signed"] else "unsigned (UInt)"
        return [
            f"Compare two {w}-bit {how} inputs `a` and `b`: output the larger on `max` and the smaller on `min` "
            f"(when equal both outputs carry that value).",
            f"A two-element sorter for {how} numbers of {w} bits: max = a >= b ? a : b, min = a >= b ? b : a.",
            f"Output max(a, b) and min(a, b), comparing a and b as {how} {w}-bit values.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        a, b = io("a"), io("b")
        mux = (f"  val aBigger = {a} > {b}\n  {io('max')} := Mux(aBigger, {a}, {b})\n"
               f"  {io('min')} := Mux(aBigger, {b}, {a})\n")
        when = (f"  when({a} >= {b}) {{\n    {io('max')} := {a}\n    {io('min')} := {b}\n  }}.otherwise {{\n"
                f"    {io('max')} := {b}\n    {io('min')} := {a}\n  }}\n")
        return {"mux": module_source(params["module_name"], io, mux),
                "when_otherwise": module_source(params["module_name"], io, when)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        return module_comb_vectors(self.ports(params), params,
                                   lambda v: {"max": max(v["a"], v["b"]), "min": min(v["a"], v["b"])}, rng)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        a, b = io("a"), io("b")
        ref = self.styles(params)["mux"]
        cast = ".asUInt" if params["signed"] else ".asSInt"
        return [substitute(ref, f"val aBigger = {a} > {b}", f"val aBigger = {a} < {b}"),
                substitute(ref, f"val aBigger = {a} > {b}", f"val aBigger = {a}{cast} > {b}{cast}")]
