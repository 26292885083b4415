"""L2: a parity generator that appends an even or odd parity bit."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l1_l2_common import make_io, module_comb_vectors, module_source, substitute
from chisellm.hdl.vectors import Vectors


@register
class ParityGenerator(Family):
    """`coded` = Cat(parity bit, data) with even or odd parity over all bits of coded."""

    name = "parity_generator"
    level = "L2"
    features = ("xorR", "Cat", "parity", "reduce")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        odd = rng.choice([False, True])
        names = ["ParityGenerator", "ParityAppender", "OddParityGen" if odd else "EvenParityGen"]
        return {"module_name": rng.choice(names),
                "io_style": rng.choice(["bundle", "flat"]), "width": rng.randint(2, 16), "odd": odd}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w = params["width"]
        return [PortSpec("data", "input", w),
                PortSpec("parity", "output", 1, kind="Bool", doc="the parity bit"),
                PortSpec("coded", "output", w + 1, doc="parity bit above data")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w = params["width"]
        kind = "odd" if params["odd"] else "even"
        rule = "odd" if params["odd"] else "even"
        return [
            f"An {kind}-parity generator for {w}-bit `data`: `parity` is chosen so that the total number of 1 bits "
            f"in data plus the parity bit is {rule}; `coded` ({w + 1} bits) is the parity bit concatenated above data "
            f"(parity in bit {w}).",
            f"Compute the {kind} parity bit of a {w}-bit word (data together with the parity bit holds an {rule} "
            f"number of ones) and output it on `parity` and, prepended as the MSB, on `coded` = {{parity, data}}.",
            f"parity = {'NOT ' if params['odd'] else ''}XOR of all {w} data bits; coded = Cat(parity, data), "
            f"{w + 1} bits.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        d, p = io("data"), io("parity")
        inv = "!" if params["odd"] else ""
        xor = f"  val bit = {inv}{d}.xorR\n  {p} := bit\n  {io('coded')} := Cat(bit, {d})\n"
        fold = (f"  val bit = {d}.asBools.foldLeft({'true' if params['odd'] else 'false'}.B)(_ ^ _)\n"
                f"  {p} := bit\n  {io('coded')} := bit ## {d}\n")
        name = params["module_name"]
        return {"xor_reduce": module_source(name, io, xor, util=True), "fold": module_source(name, io, fold)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        w, odd = params["width"], params["odd"]

        def fn(v: dict[str, int]) -> dict[str, int]:
            bit = (bin(v["data"]).count("1") & 1) ^ int(odd)
            return {"parity": bit, "coded": (bit << w) | v["data"]}

        return module_comb_vectors(self.ports(params), params, fn, rng)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        d = io("data")
        inv = "!" if params["odd"] else ""
        ref = self.styles(params)["xor_reduce"]
        flipped = "" if params["odd"] else "!"
        return [substitute(ref, f"val bit = {inv}{d}.xorR", f"val bit = {flipped}{d}.xorR"),
                substitute(ref, f"Cat(bit, {d})", f"Cat({d}, bit)")]
