"""L2: merging new bytes into an old word under a byte-enable mask."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l1_l2_common import make_io, module_comb_vectors, module_source, substitute
from chisellm.hdl.vectors import Vectors


@register
class ByteMerge(Family):
    """Byte i of `merged` = byte i of `newData` when `strobe(i)`, else byte i of `oldData`."""

    name = "byte_merge"
    level = "L2"
    features = ("Cat", "Mux", "VecInit", "FillInterleaved", "byte enable")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["ByteMerge", "ByteEnableMerge", "WriteMaskMerge", "StrobeMerge"]),
                "io_style": rng.choice(["bundle", "flat"]), "bytes": rng.choice([2, 3, 4, 8])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        n = params["bytes"]
        return [PortSpec("oldData", "input", 8 * n, doc="current word"),
                PortSpec("newData", "input", 8 * n, doc="incoming word"),
                PortSpec("strobe", "input", n, doc="byte enables, bit i covers byte i"),
                PortSpec("merged", "output", 8 * n, doc="merged word")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        n = params["bytes"]
        return [
            f"Merge two {8 * n}-bit words byte by byte: byte i of `merged` (bits {8}*i+7 down to {8}*i) comes from "
            f"`newData` when bit i of the {n}-bit `strobe` is 1 and from `oldData` otherwise.",
            f"A byte-enable write merger for {n}-byte words: merged = (newData & mask) | (oldData & ~mask), where the "
            f"mask has byte i all ones exactly when strobe(i) is set.",
            f"For each of the {n} bytes, select newData's byte if its strobe bit is high, else keep oldData's "
            f"byte; output the {8 * n}-bit result on `merged` (strobe bit 0 controls the least significant byte).",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        n, old, new, st, out = params["bytes"], io("oldData"), io("newData"), io("strobe"), io("merged")
        per_byte = (f"  val lanes = (0 until {n}).map {{ i =>\n"
                    f"    Mux({st}(i), {new}(8 * i + 7, 8 * i), {old}(8 * i + 7, 8 * i))\n  }}\n"
                    f"  {out} := Cat(lanes.reverse)\n")
        mask = (f"  val mask = FillInterleaved(8, {st})\n  {out} := ({new} & mask) | ({old} & ~mask)\n")
        vec = (f"  val lanes = Wire(Vec({n}, UInt(8.W)))\n  for (i <- 0 until {n}) {{\n"
               f"    lanes(i) := Mux({st}(i), {new}(8 * i + 7, 8 * i), {old}(8 * i + 7, 8 * i))\n  }}\n"
               f"  {out} := lanes.asUInt\n")
        name = params["module_name"]
        return {"cat_lanes": module_source(name, io, per_byte, util=True),
                "fill_interleaved_mask": module_source(name, io, mask, util=True),
                "vec_lanes": module_source(name, io, vec)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        n = params["bytes"]

        def fn(v: dict[str, int]) -> dict[str, int]:
            mask = sum(0xFF << (8 * i) for i in range(n) if v["strobe"] >> i & 1)
            return {"merged": (v["newData"] & mask) | (v["oldData"] & ~mask & ((1 << (8 * n)) - 1))}

        return module_comb_vectors(self.ports(params), params, fn, rng)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        ref = self.styles(params)["cat_lanes"]
        return [substitute(ref, "Cat(lanes.reverse)", "Cat(lanes)"),
                substitute(ref, f"Mux({io('strobe')}(i), {io('newData')}", f"Mux(!{io('strobe')}(i), {io('newData')}")]
