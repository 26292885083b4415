"""L1: bit swizzles: reversing the bit order and swapping the two halves of a word."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l1_l2_common import make_io, module_comb_vectors, module_source, substitute
from chisellm.hdl.vectors import Vectors


@register
class BitReverse(Family):
    """`reversed` = a with bit i moved to bit w-1-i; `swapped` = the halves of a exchanged."""

    name = "bit_reverse"
    level = "L1"
    features = ("Reverse", "asBools", "Cat", "swizzle")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["BitReverser", "BitSwizzle", "ReverseBits", "MirrorBits"]),
                "io_style": rng.choice(["bundle", "flat"]), "width": rng.choice(list(range(4, 33, 2)))}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w = params["width"]
        return [PortSpec("a", "input", w, doc="input word"),
                PortSpec("reversed", "output", w, doc="a in reverse bit order"),
                PortSpec("swapped", "output", w, doc="upper and lower halves of a exchanged")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w, h = params["width"], params["width"] // 2
        return [
            f"For the {w}-bit input `a`, output `reversed` with the bit order mirrored (bit 0 of a goes to bit "
            f"{w - 1}, bit {w - 1} to bit 0) and `swapped` with the two {h}-bit halves of a exchanged.",
            f"Bit swizzling: reversed[i] = a[{w - 1} - i] for every i; swapped = {{a[{h - 1}:0], a[{w - 1}:{h}]}}.",
            f"Mirror the {w} bits of `a` into `reversed`, and rotate `a` by {h} positions (exchange its upper "
            f"and lower halves) into `swapped`.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        w, h, a = params["width"], params["width"] // 2, io("a")
        util = (f"  {io('reversed')} := Reverse({a})\n  {io('swapped')} := Cat({a}({h - 1}, 0), {a}({w - 1}, {h}))\n")
        bools = (f"  {io('reversed')} := Cat({a}.asBools)\n  {io('swapped')} := {a}.rotateLeft({h})\n")
        vec = (f"  {io('reversed')} := VecInit({a}.asBools.reverse).asUInt\n"
               f"  {io('swapped')} := {a}({h - 1}, 0) ## {a}({w - 1}, {h})\n")
        name = params["module_name"]
        return {"reverse_util": module_source(name, io, util, util=True),
                "cat_asbools": module_source(name, io, bools, util=True), "vecinit": module_source(name, io, vec)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        w, h = params["width"], params["width"] // 2

        def fn(v: dict[str, int]) -> dict[str, int]:
            a = v["a"]
            return {"reversed": int(format(a, f"0{w}b")[::-1], 2),
                    "swapped": ((a & ((1 << h) - 1)) << h) | (a >> h)}

        return module_comb_vectors(self.ports(params), params, fn, rng)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        w, h, a = params["width"], params["width"] // 2, io("a")
        ref = self.styles(params)["vecinit"]
        return [substitute(ref, f"VecInit({a}.asBools.reverse)", f"VecInit({a}.asBools)"),
                substitute(ref, f"{a}({h - 1}, 0) ## {a}({w - 1}, {h})", f"{a}({w - 1}, {h}) ## {a}({h - 1}, 0)")]
