"""Util: population count with a threshold flag (chisel3.util.PopCount)."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.util_common import (clog2, comb_module_vectors, exhaustive_inputs, random_inputs, ref,
                                                source, swap, vname)
from chisellm.hdl.vectors import Vectors


@register
class UtilPopCount(Family):
    """`count` = number of ones in `in`; `atLeast` = count >= threshold."""

    name = "util_pop_count"
    level = "Util"
    features = ("PopCount", "asBools", "comparison")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        width = rng.randrange(3, 17)
        return {"module_name": rng.choice(["OnesCounter", "BitTally", "SetBitCounter", "VoteCounter"]),
                "io_style": rng.choice(["bundle", "flat"]), "width": width, "threshold": rng.randrange(1, width + 1)}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w = params["width"]
        return [PortSpec("in", "input", w), PortSpec("count", "output", clog2(w + 1), doc="number of set bits"),
                PortSpec("atLeast", "output", 1, kind="Bool", doc=f"count >= {params['threshold']}")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w, t = params["width"], params["threshold"]
        return [
            f"Count the ones in the {w}-bit input `in` (output `count`) and raise `atLeast` when at least {t} "
            f"bits are set.",
            f"A {w}-input majority-style vote counter: `count` = PopCount(in); `atLeast` is true when "
            f"count >= {t}.",
            f"Population count of a UInt({w}.W) with a threshold detector: `atLeast` = (number of set bits of "
            f"`in`) >= {t}.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        s, name, w, t = params["io_style"], params["module_name"], params["width"], params["threshold"]
        i, c, a = ref(s, "in"), ref(s, "count"), ref(s, "atLeast")
        decls = [("in", f"Input(UInt({w}.W))"), ("count", f"Output(UInt({clog2(w + 1)}.W))"),
                 ("atLeast", "Output(Bool())")]
        return {
            "popcount": source(name, s, decls, f"  val ones = PopCount({i})\n  {c} := ones\n  {a} := ones >= {t}.U\n"),
            "as_bools": source(name, s, decls, f"  val ones = PopCount({i}.asBools)\n  {c} := ones\n"
                                               f"  {a} := ones >= {t}.U\n"),
            "fold": source(name, s, decls, f"  val ones = {i}.asBools.map(_.asUInt).reduce(_ +& _)\n  {c} := ones\n"
                                           f"  {a} := ones >= {t}.U\n"),
        }

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        s, w, t = params["io_style"], params["width"], params["threshold"]
        specs = self.ports(params)

        def fn(ins: dict[str, int]) -> dict[str, int | None]:
            ones = bin(ins[vname(s, "in")]).count("1")
            return {vname(s, "count"): ones, vname(s, "atLeast"): int(ones >= t)}

        stim = exhaustive_inputs(specs, s) if w <= 12 else random_inputs(specs, s, rng, 500)
        return comb_module_vectors(specs, s, fn, stim)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        s, w, t = params["io_style"], params["width"], params["threshold"]
        code = self.styles(params)["popcount"]
        i = ref(s, "in")
        return [swap(code, f"ones >= {t}.U", f"ones > {t}.U"),
                swap(code, f"PopCount({i})", f"PopCount({i}({w - 2}, 0))")]
