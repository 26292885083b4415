"""Held out (L1): reverse the order of the lanes (bytes or nibbles) of a word. Used only in the eval set."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.util_common import comb_module_vectors, exhaustive_inputs, random_inputs, ref, source, vname
from chisellm.hdl.vectors import Vectors


@register
class LaneSwap(Family):
    """`out` = the `lanes` lanes of `in`, each `lane` bits wide, in reverse order."""

    name = "heldout_byte_swap"
    level = "L1"
    features = ("bit slicing", "Cat", "VecInit")
    held_out = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["EndianSwap", "LaneReverser", "ByteOrderFlip", "WordSwizzle"]),
                "io_style": rng.choice(["bundle", "flat"]), "lane": rng.choice([2, 4, 8]), "lanes": rng.randrange(2, 5)}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w = params["lane"] * params["lanes"]
        return [PortSpec("in", "input", w), PortSpec("out", "output", w)]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        u, k = params["lane"], params["lanes"]
        w = u * k
        return [
            f"Reverse the order of the {k} {u}-bit lanes of the {w}-bit input: lane 0 (bits {u - 1}..0) of `in` "
            f"becomes the most significant lane of `out`, and so on. Bits inside a lane keep their order.",
            f"An endianness swap for a {w}-bit word made of {k} groups of {u} bits: out lane i = in lane "
            f"{k - 1} - i.",
            f"Swap the {u}-bit units of `in` (UInt({w}.W)) end for end; `out` has the same width.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        s, name, u, k = params["io_style"], params["module_name"], params["lane"], params["lanes"]
        i, o = ref(s, "in"), ref(s, "out")
        w = u * k
        decls = [("in", f"Input(UInt({w}.W))"), ("out", f"Output(UInt({w}.W))")]
        slices = ", ".join(f"{i}({(j + 1) * u - 1}, {j * u})" for j in range(k))  # lane 0 first -> MSB
        return {
            "cat_slices": source(name, s, decls, f"  {o} := Cat({slices})\n"),
            "vec_reverse": source(name, s, decls, f"  val lanes = VecInit(Seq.tabulate({k})(j => {i}(j * {u} + {u - 1}, j * {u})))\n"
                                                  f"  {o} := VecInit(lanes.reverse).asUInt\n"),
        }

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        s, u, k = params["io_style"], params["lane"], params["lanes"]
        specs = self.ports(params)

        def fn(ins: dict[str, int]) -> dict[str, int | None]:
            x = ins[vname(s, "in")]
            lanes = [(x >> (j * u)) & ((1 << u) - 1) for j in range(k)]
            return {vname(s, "out"): sum(v << ((k - 1 - j) * u) for j, v in enumerate(lanes))}

        stim = exhaustive_inputs(specs, s) if u * k <= 12 else random_inputs(specs, s, rng, 400)
        return comb_module_vectors(specs, s, fn, stim)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        s, u, k = params["io_style"], params["lane"], params["lanes"]
        i = ref(s, "in")
        code = self.styles(params)["cat_slices"]
        vec = self.styles(params)["vec_reverse"]
        rotated = ", ".join(f"{i}({((j + 1) % k + 1) * u - 1}, {((j + 1) % k) * u})" for j in range(k))
        slices = ", ".join(f"{i}({(j + 1) * u - 1}, {j * u})" for j in range(k))
        return [code.replace(f"Cat({slices})", f"Cat({rotated})") if k > 2 else code.replace(f"Cat({slices})", f"{i}"),
                vec.replace("VecInit(lanes.reverse)", "lanes")]
