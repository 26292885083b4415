"""L2: sign-magnitude to two's-complement conversion."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l1_l2_common import make_io, module_comb_vectors, module_source, substitute
from chisellm.hdl.vectors import Vectors


@register
class SignMagnitude(Family):
    """`value` (SInt) = -magnitude when the sign bit (MSB of `sm`) is set, else +magnitude."""

    name = "sign_magnitude"
    level = "L2"
    features = ("SInt", "Mux", "asSInt", "two's complement", "sign-magnitude")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["SignMagToTwos", "SignMagnitudeDecoder", "SmConverter", "SignedFromSm"]),
                "io_style": rng.choice(["bundle", "flat"]), "width": rng.randint(3, 16)}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w = params["width"]
        return [PortSpec("sm", "input", w, doc="sign-magnitude number: sign in the MSB"),
                PortSpec("value", "output", w, True, "SInt", doc="the same number in two's complement")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w = params["width"]
        return [
            f"Convert the {w}-bit sign-magnitude input `sm` (bit {w - 1} is the sign, bits {w - 2}..0 the "
            f"magnitude) to the {w}-bit two's-complement SInt `value`: +magnitude when the sign is 0, -magnitude "
            f"when it is 1 (so negative zero becomes 0).",
            f"Sign-magnitude to two's complement, {w} bits: value = sm[{w - 1}] ? -sm[{w - 2}:0] : sm[{w - 2}:0].",
            f"The input `sm` stores a sign bit above a {w - 1}-bit magnitude; output the same number as a "
            f"{w}-bit signed (SInt) two's-complement value.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        w, sm, out, name = params["width"], io("sm"), io("value"), params["module_name"]
        mux = (f"  val magnitude = {sm}({w - 2}, 0)\n  val positive = Cat(0.U(1.W), magnitude).asSInt\n"
               f"  {out} := Mux({sm}({w - 1}), -positive, positive)\n")
        when = (f"  val magnitude = {sm}({w - 2}, 0).zext\n  when({sm}({w - 1})) {{\n    {out} := 0.S - magnitude\n"
                f"  }}.otherwise {{\n    {out} := magnitude\n  }}\n")
        return {"mux_negate": module_source(name, io, mux, util=True), "when_zext": module_source(name, io, when)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        w = params["width"]

        def fn(v: dict[str, int]) -> dict[str, int]:
            mag = v["sm"] & ((1 << (w - 1)) - 1)
            return {"value": -mag if v["sm"] >> (w - 1) else mag}

        return module_comb_vectors(self.ports(params), params, fn, rng)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        w, sm = params["width"], io("sm")
        ref = self.styles(params)["mux_negate"]
        return [substitute(ref, "Mux(" + f"{sm}({w - 1}), -positive, positive)", f"Mux({sm}({w - 1}), "
                           f"(~positive.asUInt).asSInt, positive)"),
                substitute(ref, f"{io('value')} := Mux({sm}({w - 1}), -positive, positive)", f"{io('value')} := {sm}.asSInt")]
