"""L2: a 2:1 multiplexer."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l1_l2_common import make_io, module_comb_vectors, module_source, substitute
from chisellm.hdl.vectors import Vectors


@register
class Mux2(Family):
    """`out` = sel ? b : a."""

    name = "mux2"
    level = "L2"
    features = ("Mux", "when", "otherwise")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["TwoToOneMux", "Mux2Way", "BinarySelector", "SimpleMux"]),
                "io_style": rng.choice(["bundle", "flat"]), "width": rng.choice(list(range(1, 17)) + [32])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w = params["width"]
        return [PortSpec("sel", "input", 1, kind="Bool", doc="select: false picks a, true picks b"),
                PortSpec("a", "input", w, doc="selected when sel is false"),
                PortSpec("b", "input", w, doc="selected when sel is true"),
                PortSpec("out", "output", w, doc="the selected input")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w = params["width"]
        return [
            f"A {w}-bit 2-to-1 multiplexer: `out` equals `b` when `sel` is true and `a` when `sel` is false.",
            f"Select between two {w}-bit inputs: sel = 0 -> out = a, sel = 1 -> out = b. Purely combinational.",
            f"Output `out` = sel ? b : a, where a, b and out are {w}-bit unsigned values and sel is a Bool.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        sel, a, b, out = io("sel"), io("a"), io("b"), io("out")
        name = params["module_name"]
        return {
            "mux": module_source(name, io, f"  {out} := Mux({sel}, {b}, {a})\n"),
            "when_otherwise": module_source(name, io, f"  when({sel}) {{\n    {out} := {b}\n  }}.otherwise {{\n"
                                                      f"    {out} := {a}\n  }}\n"),
            "default_then_override": module_source(name, io, f"  {out} := {a}\n  when({sel}) {{ {out} := {b} }}\n"),
        }

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        return module_comb_vectors(self.ports(params), params,
                                   lambda v: {"out": v["b"] if v["sel"] else v["a"]}, rng)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        sel, a, b = io("sel"), io("a"), io("b")
        ref = self.styles(params)["mux"]
        return [substitute(ref, f"Mux({sel}, {b}, {a})", f"Mux({sel}, {a}, {b})"),
                substitute(ref, f"Mux({sel}, {b}, {a})", f"{a} | {b}")]
