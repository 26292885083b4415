"""L1: constant outputs written as UInt, SInt and Bool literals."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l1_l2_common import make_io, module_comb_vectors, module_source, substitute
from chisellm.hdl.vectors import Vectors


@register
class Constants(Family):
    """Drives fixed literal values: an unsigned constant, a negative signed constant and a Bool."""

    name = "constants"
    level = "L1"
    features = ("literal", "UInt", "SInt", "Bool")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        width = rng.choice([8, 12, 16])
        swidth = rng.choice([4, 6, 8])
        return {"module_name": rng.choice(["ConstantSource", "LiteralOutputs", "FixedValues", "ConstDriver"]),
                "io_style": rng.choice(["bundle", "flat"]), "width": width, "value": rng.randrange(2, 1 << width),
                "swidth": swidth, "negative": rng.randrange(1, 1 << (swidth - 1)), "flag": rng.choice([True, False])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        return [PortSpec("magic", "output", params["width"], doc="unsigned constant"),
                PortSpec("offset", "output", params["swidth"], signed=True, kind="SInt", doc="signed constant"),
                PortSpec("flag", "output", 1, kind="Bool", doc="constant flag")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        v, w, n, sw, f = params["value"], params["width"], params["negative"], params["swidth"], params["flag"]
        fb = "true" if f else "false"
        return [
            f"Output constants only: `magic` is the {w}-bit unsigned value {v} (0x{v:X}), `offset` is the {sw}-bit "
            f"signed value -{n}, and `flag` is always {fb}. There are no inputs.",
            f"Tie `magic` to 0x{v:X} ({w} bits), `offset` to -{n} as a {sw}-bit two's-complement SInt, and the Bool "
            f"`flag` to {fb}.",
            f"A module with no inputs whose outputs are literals: magic = {v} (UInt, {w} bits), offset = -{n} (SInt, "
            f"{sw} bits), flag = {fb}.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        v, w, n, sw, f = params["value"], params["width"], params["negative"], params["swidth"], params["flag"]
        fb = "true" if f else "false"
        tail = f"  {io('offset')} := (-{n}).S({sw}.W)\n  {io('flag')} := {fb}.B\n"
        return {"hex": module_source(params["module_name"], io, f"  {io('magic')} := \"h{v:x}\".U({w}.W)\n" + tail),
                "decimal": module_source(params["module_name"], io, f"  {io('magic')} := {v}.U\n" + tail),
                "binary": module_source(params["module_name"], io, f"  {io('magic')} := \"b{v:b}\".U({w}.W)\n" + tail)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        out = {"magic": params["value"], "offset": -params["negative"], "flag": int(params["flag"])}
        return module_comb_vectors(self.ports(params), params, lambda _: out, rng)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        ref = self.styles(params)["decimal"]
        v, n, sw = params["value"], params["negative"], params["swidth"]
        return [substitute(ref, f"{v}.U", f"{v - 1}.U"),
                substitute(ref, f"(-{n}).S({sw}.W)", f"{n}.S({sw}.W)")]
