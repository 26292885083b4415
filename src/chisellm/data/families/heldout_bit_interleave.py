"""Held out (L2): interleave the bits of two words (a Morton code). Used only in the eval set."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.util_common import (comb_module_vectors, exhaustive_inputs, random_inputs, ref, source,
                                                vname)
from chisellm.hdl.vectors import Vectors


@register
class BitInterleave(Family):
    """`out(2i)` = x(i), `out(2i+1)` = y(i) (or the other way round when `y_first`)."""

    name = "heldout_bit_interleave"
    level = "L2"
    features = ("Cat", "asBools", "bit slicing")
    held_out = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["MortonEncoder", "BitInterleaver", "ZOrderCode", "BitZipper"]),
                "io_style": rng.choice(["bundle", "flat"]), "width": rng.randrange(2, 17), "y_first": rng.random() < 0.3}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w = params["width"]
        return [PortSpec("x", "input", w), PortSpec("y", "input", w), PortSpec("out", "output", 2 * w)]

    def _order(self, params: dict[str, Any]) -> tuple[str, str]:
        return ("y", "x") if params["y_first"] else ("x", "y")

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w = params["width"]
        lo, hi = self._order(params)
        return [
            f"Interleave the bits of the {w}-bit inputs `x` and `y` into the {2 * w}-bit `out`: out(2*i) = "
            f"{lo}(i) and out(2*i+1) = {hi}(i).",
            f"A Morton (Z-order) encoder: zip two {w}-bit coordinates bit by bit, `{lo}` on the even positions "
            f"and `{hi}` on the odd positions of `out`.",
            f"Build `out` ({2 * w} bits) by alternating bits of `{lo}` and `{hi}`, starting with bit 0 of `{lo}` "
            f"as the least significant bit.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        s, name, w = params["io_style"], params["module_name"], params["width"]
        lo, hi = (ref(s, v) for v in self._order(params))
        o = ref(s, "out")
        decls = [("x", f"Input(UInt({w}.W))"), ("y", f"Input(UInt({w}.W))"), ("out", f"Output(UInt({2 * w}.W))")]
        return {
            "cat_pairs": source(name, s, decls, f"  {o} := Cat(Seq.tabulate({w})(i => Cat({hi}(i), {lo}(i))).reverse)\n"),
            "vec_bools": source(name, s, decls, f"  val bits = VecInit(({lo}.asBools zip {hi}.asBools).flatMap "
                                                f"{{ case (l, h) => Seq(l, h) }})\n  {o} := bits.asUInt\n"),
        }

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        s, w = params["io_style"], params["width"]
        lo, hi = (vname(s, v) for v in self._order(params))
        specs = self.ports(params)

        def fn(ins: dict[str, int]) -> dict[str, int | None]:
            out = 0
            for i in range(w):
                out |= ((ins[lo] >> i) & 1) << (2 * i) | ((ins[hi] >> i) & 1) << (2 * i + 1)
            return {vname(s, "out"): out}

        stim = exhaustive_inputs(specs, s) if 2 * w <= 12 else random_inputs(specs, s, rng, 400)
        return comb_module_vectors(specs, s, fn, stim)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        s, w = params["io_style"], params["width"]
        lo, hi = (ref(s, v) for v in self._order(params))
        code = self.styles(params)["cat_pairs"]
        vec = self.styles(params)["vec_bools"]
        return [code.replace(f"Cat({hi}(i), {lo}(i))", f"Cat({lo}(i), {hi}(i))"),
                code.replace(".reverse)", ")"),
                vec.replace("Seq(l, h)", "Seq(h, l)")]
