"""Util: binary-to-one-hot and one-hot-to-binary in one module (UIntToOH, OHToUInt)."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.util_common import clog2, comb_module_vectors, ref, source, swap, vname
from chisellm.hdl.vectors import Vectors


@register
class UtilOneHotCodec(Family):
    """`oh` = one-hot of `idx` (0 when idx >= n); `idxOut` = index of the one-hot `ohIn`."""

    name = "util_onehot_codec"
    level = "Util"
    features = ("UIntToOH", "OHToUInt", "Mux1H", "one-hot")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["OneHotCodec", "IndexTranslator", "OneHotConverter", "SlotCodec"]),
                "io_style": rng.choice(["bundle", "flat"]), "n": rng.randrange(2, 17)}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        n = params["n"]
        b = clog2(n)
        return [PortSpec("idx", "input", b, doc="binary index to decode"),
                PortSpec("oh", "output", n, doc=f"one-hot of idx (0 when idx >= {n})"),
                PortSpec("ohIn", "input", n, doc="one-hot value to encode (exactly one bit set)"),
                PortSpec("idxOut", "output", b, doc="index of the set bit of ohIn")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        n = params["n"]
        return [
            f"Two converters for {n} slots: decode the binary `idx` into the {n}-bit one-hot `oh` (bit idx set; "
            f"all zero when idx >= {n}), and encode the one-hot `ohIn` back to its index on `idxOut`.",
            f"Use chisel3.util.UIntToOH and OHToUInt: `oh` = UIntToOH(idx, {n}), `idxOut` = position of the single "
            f"set bit in `ohIn`.",
            f"Binary <-> one-hot codec of width {n}: `oh` has exactly bit `idx` set (none if idx is out of range), "
            f"`idxOut` reports which bit of the one-hot input `ohIn` is set.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        s, name, n = params["io_style"], params["module_name"], params["n"]
        b = clog2(n)
        idx, oh, oh_in, idx_out = (ref(s, x) for x in ("idx", "oh", "ohIn", "idxOut"))
        decls = [("idx", f"Input(UInt({b}.W))"), ("oh", f"Output(UInt({n}.W))"), ("ohIn", f"Input(UInt({n}.W))"),
                 ("idxOut", f"Output(UInt({b}.W))")]
        return {
            "util": source(name, s, decls, f"  {oh} := UIntToOH({idx}, {n})\n  {idx_out} := OHToUInt({oh_in})\n"),
            "compare_mux1h": source(name, s, decls,
                                    f"  {oh} := VecInit(Seq.tabulate({n})(k => {idx} === k.U)).asUInt\n"
                                    f"  {idx_out} := Mux1H({oh_in}, Seq.tabulate({n})(k => k.U({b}.W)))\n"),
            "shift_priority": source(name, s, decls, f"  {oh} := (1.U << {idx})({n - 1}, 0)\n"
                                                     f"  {idx_out} := PriorityEncoder({oh_in})\n"),
        }

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        s, n = params["io_style"], params["n"]
        b = clog2(n)
        stim = [{vname(s, "idx"): rng.randrange(1 << b), vname(s, "ohIn"): 1 << rng.randrange(n)} for _ in range(300)]

        def fn(ins: dict[str, int]) -> dict[str, int | None]:
            i = ins[vname(s, "idx")]
            return {vname(s, "oh"): (1 << i) if i < n else 0,
                    vname(s, "idxOut"): ins[vname(s, "ohIn")].bit_length() - 1}

        return comb_module_vectors(self.ports(params), s, fn, stim)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        s, n = params["io_style"], params["n"]
        idx, oh_in = ref(s, "idx"), ref(s, "ohIn")
        code = self.styles(params)["util"]
        return [swap(code, f"UIntToOH({idx}, {n})", f"UIntToOH({idx} + 1.U, {n})"),
                swap(code, f"OHToUInt({oh_in})", f"OHToUInt(Reverse({oh_in}))")]
