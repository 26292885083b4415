"""Util: bit reversal, replication and concatenation (Reverse, Fill, Cat)."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.util_common import (comb_module_vectors, exhaustive_inputs, random_inputs, ref, source,
                                                swap, vname)
from chisellm.hdl.vectors import Vectors


@register
class UtilReverseCat(Family):
    """`out` = `a` bit-reversed, concatenated with `k` copies of `b` (above or below it)."""

    name = "util_reverse_cat"
    level = "Util"
    features = ("Reverse", "Fill", "Cat", "asBools")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["MirrorPacker", "ReverseAndPad", "FlipConcat", "BitMirror"]),
                "io_style": rng.choice(["bundle", "flat"]), "width": rng.randrange(2, 13), "k": rng.randrange(1, 7),
                "fill_high": rng.random() < 0.5}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w, k = params["width"], params["k"]
        return [PortSpec("a", "input", w), PortSpec("b", "input", 1, kind="Bool"), PortSpec("out", "output", w + k)]

    def _where(self, params: dict[str, Any]) -> str:
        return "above (most significant)" if params["fill_high"] else "below (least significant)"

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w, k = params["width"], params["k"]
        where = self._where(params)
        return [
            f"Output the {w}-bit input `a` with its bit order reversed (bit 0 becomes bit {w - 1}), with {k} "
            f"copies of the Bool `b` placed {where} it; `out` is {w + k} bits.",
            f"`out` = concatenation of Reverse(a) and Fill({k}, b), the fill {where}. Use chisel3.util's Cat, "
            f"Reverse and Fill.",
            f"Mirror the bits of `a` (UInt({w}.W)) and pad with {k} replicated `b` bits {where} to form a "
            f"{w + k}-bit `out`.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        s, name, w, k = params["io_style"], params["module_name"], params["width"], params["k"]
        a, b, o = ref(s, "a"), ref(s, "b"), ref(s, "out")
        decls = [("a", f"Input(UInt({w}.W))"), ("b", "Input(Bool())"), ("out", f"Output(UInt({w + k}.W))")]

        def cat(rev: str) -> str:
            return f"Cat(Fill({k}, {b}), {rev})" if params["fill_high"] else f"Cat({rev}, Fill({k}, {b}))"

        return {
            "reverse": source(name, s, decls, f"  {o} := {cat(f'Reverse({a})')}\n"),
            "as_bools": source(name, s, decls, f"  val mirrored = VecInit({a}.asBools.reverse).asUInt\n"
                                               f"  {o} := {cat('mirrored')}\n"),
            "cat_seq": source(name, s, decls, f"  val mirrored = Cat({a}.asBools)\n  {o} := {cat('mirrored')}\n"),
        }

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        s, w, k = params["io_style"], params["width"], params["k"]
        specs = self.ports(params)

        def fn(ins: dict[str, int]) -> dict[str, int | None]:
            a = ins[vname(s, "a")]
            rev = int(format(a, f"0{w}b")[::-1], 2)
            fill = ((1 << k) - 1) if ins[vname(s, "b")] else 0
            return {vname(s, "out"): (fill << w) | rev if params["fill_high"] else (rev << k) | fill}

        stim = exhaustive_inputs(specs, s) if w + 1 <= 12 else random_inputs(specs, s, rng, 500)
        return comb_module_vectors(specs, s, fn, stim)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        s, k = params["io_style"], params["k"]
        a, b = ref(s, "a"), ref(s, "b")
        code = self.styles(params)["reverse"]
        swapped = f"Cat(Reverse({a}), Fill({k}, {b}))" if params["fill_high"] else f"Cat(Fill({k}, {b}), Reverse({a}))"
        current = f"Cat(Fill({k}, {b}), Reverse({a}))" if params["fill_high"] else f"Cat(Reverse({a}), Fill({k}, {b}))"
        return [swap(code, f"Reverse({a})", a), swap(code, current, swapped)]
