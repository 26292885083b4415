"""Util: lowest-set-bit finder with index, one-hot and valid outputs (PriorityEncoder, PriorityEncoderOH)."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.util_common import (clog2, comb_module_vectors, exhaustive_inputs, random_inputs, ref,
                                                source, swap, vname)
from chisellm.hdl.vectors import Vectors


@register
class UtilPriorityEncoderOH(Family):
    """`idx` / `oh`: the lowest set bit of `req`; `valid` when any bit is set."""

    name = "util_priority_encoder_oh"
    level = "Util"
    features = ("PriorityEncoder", "PriorityEncoderOH", "OHToUInt", "orR")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["LowestSetBit", "FirstOneFinder", "RequestPicker", "LowPriorityEncoder"]),
                "io_style": rng.choice(["bundle", "flat"]), "n": rng.randrange(3, 17)}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        n = params["n"]
        return [PortSpec("req", "input", n, doc="request bits, bit 0 has the highest priority"),
                PortSpec("idx", "output", clog2(n), doc="index of the lowest set bit (don't care when none)"),
                PortSpec("oh", "output", n, doc="one-hot of the lowest set bit, 0 when none"),
                PortSpec("valid", "output", 1, kind="Bool", doc="some bit of `req` is set")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        n = params["n"]
        return [
            f"Find the lowest set bit of the {n}-bit `req`: `idx` is its index, `oh` has only that bit set "
            f"(0 when `req` is 0) and `valid` tells whether any bit is set.",
            f"A priority encoder over {n} requests where bit 0 wins: output both the binary index (`idx`) and "
            f"the one-hot grant (`oh`), plus `valid`. Use chisel3.util's PriorityEncoder / PriorityEncoderOH.",
            f"Grant the least-significant active request of `req` (UInt({n}.W)): `oh` = one-hot grant, "
            f"`idx` = its position, `valid` = req is nonzero.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        s, name, n = params["io_style"], params["module_name"], params["n"]
        req, idx, oh, valid = (ref(s, x) for x in ("req", "idx", "oh", "valid"))
        decls = [("req", f"Input(UInt({n}.W))"), ("idx", f"Output(UInt({clog2(n)}.W))"),
                 ("oh", f"Output(UInt({n}.W))"), ("valid", "Output(Bool())")]
        return {
            "util": source(name, s, decls, f"  {idx} := PriorityEncoder({req})\n  {oh} := PriorityEncoderOH({req})\n"
                                           f"  {valid} := {req}.orR\n"),
            "oh_first": source(name, s, decls, f"  val grant = PriorityEncoderOH({req})\n  {oh} := grant\n"
                                               f"  {idx} := OHToUInt(grant)\n  {valid} := {req} =/= 0.U\n"),
            "isolate_lowest": source(name, s, decls, f"  {oh} := {req} & (~{req} + 1.U)\n"
                                                     f"  {idx} := PriorityEncoder({req}.asBools)\n"
                                                     f"  {valid} := {req}.orR\n"),
        }

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        s, n = params["io_style"], params["n"]
        specs = self.ports(params)

        def fn(ins: dict[str, int]) -> dict[str, int | None]:
            r = ins[vname(s, "req")]
            low = (r & -r).bit_length() - 1 if r else None
            return {vname(s, "idx"): low, vname(s, "oh"): (1 << low) if r else 0, vname(s, "valid"): int(r != 0)}

        stim = exhaustive_inputs(specs, s) if n <= 12 else random_inputs(specs, s, rng, 500)
        return comb_module_vectors(specs, s, fn, stim)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        s = params["io_style"]
        req = ref(s, "req")
        util, iso = self.styles(params)["util"], self.styles(params)["isolate_lowest"]
        return [swap(util, f"PriorityEncoder({req})", f"PriorityEncoder(Reverse({req}))"),
                swap(util, f"{req}.orR", f"{req}.andR"),
                swap(iso, f"{req} & (~{req} + 1.U)", f"{req} & ({req} - 1.U)")]
