"""L1: Wire and WireDefault: a gated, masked copy of an input with a default value."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l1_l2_common import make_io, module_comb_vectors, module_source, substitute
from chisellm.hdl.vectors import Vectors


@register
class WireDefaultGate(Family):
    """`out` = (a & mask) while `enable`, else a fixed default value."""

    name = "wire_default"
    level = "L1"
    features = ("Wire", "WireDefault", "when")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        w = rng.choice([4, 6, 8, 16])
        return {"module_name": rng.choice(["GatedValue", "DefaultWire", "EnableGate", "MaskedPass"]),
                "io_style": rng.choice(["bundle", "flat"]), "width": w, "default": rng.randrange(1, 1 << w),
                "mask": rng.randrange(1, (1 << w) - 1)}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w = params["width"]
        return [PortSpec("enable", "input", 1, kind="Bool", doc="pass the masked input when true"),
                PortSpec("a", "input", w, doc="data input"),
                PortSpec("out", "output", w, doc="masked a, or the default")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w, d, m = params["width"], params["default"], params["mask"]
        return [
            f"When `enable` is true, `out` is the {w}-bit input `a` ANDed with the mask 0x{m:X}; otherwise `out` "
            f"is the constant {d} (0x{d:X}). Use a wire with a default value.",
            f"Output `out` ({w} bits) defaults to 0x{d:X}; while `enable` is high it instead carries a & 0x{m:X}.",
            f"A gated, masked pass-through: out = enable ? (a & {m}) : {d}, all values {w}-bit unsigned.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        w, d, m = params["width"], params["default"], params["mask"]
        wd = (f"  val result = WireDefault({d}.U({w}.W))\n  when({io('enable')}) {{\n"
              f"    result := {io('a')} & \"h{m:x}\".U\n  }}\n  {io('out')} := result\n")
        plain = (f"  val masked = Wire(UInt({w}.W))\n  masked := {io('a')} & {m}.U\n"
                 f"  val result = Wire(UInt({w}.W))\n  when({io('enable')}) {{\n    result := masked\n"
                 f"  }}.otherwise {{\n    result := {d}.U\n  }}\n  {io('out')} := result\n")
        direct = (f"  {io('out')} := {d}.U\n  when({io('enable')}) {{\n    {io('out')} := {io('a')} & {m}.U\n  }}\n")
        name = params["module_name"]
        return {"wire_default": module_source(name, io, wd), "wire_when": module_source(name, io, plain),
                "last_connect": module_source(name, io, direct)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        d, m = params["default"], params["mask"]
        return module_comb_vectors(self.ports(params), params,
                                   lambda v: {"out": (v["a"] & m) if v["enable"] else d}, rng)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        w, d = params["width"], params["default"]
        ref = self.styles(params)["wire_default"]
        return [substitute(ref, f"WireDefault({d}.U({w}.W))", f"WireDefault(0.U({w}.W))"),
                substitute(ref, f"when({io('enable')})", f"when(!{io('enable')})")]
