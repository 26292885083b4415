"""L1: reinterpreting bits with asSInt, asUInt and asBool."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, mask, register, to_signed
from chisellm.data.families.l1_l2_common import make_io, module_comb_vectors, module_source, substitute
from chisellm.hdl.vectors import Vectors


@register
class Casts(Family):
    """`asSigned` = u.asSInt, `asUnsigned` = s.asUInt, `negative` = u read as signed is below zero,
    `lowFlag` = bit 0 of u as a Bool."""

    name = "casts"
    level = "L1"
    features = ("asSInt", "asUInt", "asBool", "SInt")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["TypeCaster", "SignReinterpret", "CastBits", "BitCast"]),
                "io_style": rng.choice(["bundle", "flat"]), "width": rng.randint(2, 16)}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w = params["width"]
        return [PortSpec("u", "input", w, doc="unsigned input"),
                PortSpec("s", "input", w, signed=True, kind="SInt", doc="signed input"),
                PortSpec("asSigned", "output", w, signed=True, kind="SInt", doc="bits of u as SInt"),
                PortSpec("asUnsigned", "output", w, doc="bits of s as UInt"),
                PortSpec("negative", "output", 1, kind="Bool", doc="u, read as two's complement, is negative"),
                PortSpec("lowFlag", "output", 1, kind="Bool", doc="bit 0 of u")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w = params["width"]
        return [
            f"Reinterpret bits without changing them: `asSigned` is the {w}-bit UInt `u` read as a {w}-bit SInt, "
            f"`asUnsigned` is the {w}-bit SInt `s` read as a UInt, `negative` is true when u read as two's complement "
            f"is below zero, and `lowFlag` is bit 0 of u as a Bool.",
            f"Type casts: asSigned = u.asSInt, asUnsigned = s.asUInt (same {w} bits, e.g. -1 becomes "
            f"{(1 << w) - 1}), negative = (u as signed) < 0, lowFlag = u(0) converted to Bool.",
            f"Cast between UInt, SInt and Bool: output the bit pattern of u as a signed number, the bit pattern of "
            f"s as an unsigned number, whether u's top bit (bit {w - 1}) marks it negative, and u's LSB as a Bool.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        w, u = params["width"], io("u")
        cast = (f"  {io('asSigned')} := {u}.asSInt\n  {io('asUnsigned')} := {io('s')}.asUInt\n"
                f"  {io('negative')} := {u}.asSInt < 0.S\n  {io('lowFlag')} := {u}(0).asBool\n")
        bits = (f"  val signedU = Wire(SInt({w}.W))\n  signedU := {u}.asSInt\n  {io('asSigned')} := signedU\n"
                f"  {io('asUnsigned')} := {io('s')}.asUInt\n  {io('negative')} := {u}({w - 1})\n"
                f"  {io('lowFlag')} := {u}(0)\n")
        return {"cast_ops": module_source(params["module_name"], io, cast),
                "sign_bit": module_source(params["module_name"], io, bits)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        w = params["width"]
        return module_comb_vectors(self.ports(params), params, lambda v: {
            "asSigned": to_signed(v["u"], w), "asUnsigned": mask(v["s"], w),
            "negative": int(to_signed(v["u"], w) < 0), "lowFlag": v["u"] & 1}, rng)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        u = io("u")
        ref = self.styles(params)["cast_ops"]
        return [substitute(ref, f"{u}.asSInt < 0.S", f"{u} < 0.U"),
                substitute(ref, f"{u}(0).asBool", f"{u}(1).asBool")]
