"""L2: binary to Gray code and Gray code to binary converters."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l1_l2_common import make_io, module_comb_vectors, module_source, substitute
from chisellm.hdl.vectors import Vectors


def gray_to_binary(g: int) -> int:
    b = 0
    while g:
        b ^= g
        g >>= 1
    return b


@register
class GrayCode(Family):
    """`out` = Gray code of `in` (direction to_gray) or the binary value of Gray code `in` (from_gray)."""

    name = "gray_code"
    level = "L2"
    features = ("^", ">>", "xorR", "scanRight", "Gray code")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        to_gray = rng.choice([True, False])
        names = ["BinaryToGray", "GrayEncoder", "Bin2Gray"] if to_gray else ["GrayToBinary", "GrayDecoder", "Gray2Bin"]
        return {"module_name": rng.choice(names), "io_style": rng.choice(["bundle", "flat"]),
                "width": rng.randint(3, 16), "to_gray": to_gray}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w = params["width"]
        src, dst = ("binary", "gray") if params["to_gray"] else ("gray", "binary")
        return [PortSpec(src, "input", w, doc=f"{src} code"), PortSpec(dst, "output", w, doc=f"{dst} code")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w = params["width"]
        if params["to_gray"]:
            return [
                f"Convert the {w}-bit binary number `binary` to its reflected Gray code on `gray`: gray = binary XOR "
                f"(binary >> 1).",
                f"Binary-to-Gray encoder, {w} bits: gray[{w - 1}] = binary[{w - 1}] and gray[i] = binary[i+1] ^ "
                f"binary[i] for i < {w - 1}.",
                f"Output the standard (reflected binary) Gray code of the {w}-bit unsigned input, so consecutive "
                f"inputs give outputs that differ in exactly one bit.",
            ]
        return [
            f"Convert the {w}-bit reflected Gray code `gray` back to binary on `binary`: binary[{w - 1}] = "
            f"gray[{w - 1}] and binary[i] = binary[i+1] ^ gray[i].",
            f"Gray-to-binary decoder, {w} bits: each output bit i is the XOR of gray bits {w - 1} down to i.",
            f"Undo the standard Gray encoding (g = b ^ (b >> 1)) of a {w}-bit value: output the binary number b "
            f"whose Gray code is the input `gray`.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        w, name = params["width"], params["module_name"]
        if params["to_gray"]:
            b, g = io("binary"), io("gray")
            return {"shift_xor": module_source(name, io, f"  {g} := {b} ^ ({b} >> 1)\n"),
                    "per_bit": module_source(name, io, f"  {g} := Cat({b}({w - 1}), ({b}({w - 1}, 1) ^ {b}({w - 2}, 0)))\n",
                                             util=True)}
        g, b = io("gray"), io("binary")
        loop = (f"  val bits = Wire(Vec({w}, Bool()))\n  bits({w - 1}) := {g}({w - 1})\n"
                f"  for (i <- {w - 2} to 0 by -1) {{\n    bits(i) := bits(i + 1) ^ {g}(i)\n  }}\n  {b} := bits.asUInt\n")
        slices = f"  {b} := VecInit((0 until {w}).map(i => {g}({w - 1}, i).xorR)).asUInt\n"
        scan = f"  {b} := VecInit({g}.asBools.scanRight(false.B)(_ ^ _).init).asUInt\n"
        return {"prefix_loop": module_source(name, io, loop), "slice_xor": module_source(name, io, slices),
                "scan_right": module_source(name, io, scan)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        if params["to_gray"]:
            return module_comb_vectors(self.ports(params), params,
                                       lambda v: {"gray": v["binary"] ^ (v["binary"] >> 1)}, rng)
        return module_comb_vectors(self.ports(params), params, lambda v: {"binary": gray_to_binary(v["gray"])}, rng)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        w = params["width"]
        if params["to_gray"]:
            b = io("binary")
            ref = self.styles(params)["shift_xor"]
            return [substitute(ref, f"{b} ^ ({b} >> 1)", f"({b} ^ ({b} << 1))({w - 1}, 0)"),
                    substitute(ref, f"{b} ^ ({b} >> 1)", f"{b} ^ ({b} >> 2)")]
        g = io("gray")
        ref = self.styles(params)["slice_xor"]
        return [substitute(ref, f"{g}({w - 1}, i).xorR", f"{g}(i, 0).xorR"),
                substitute(ref, f"{g}({w - 1}, i).xorR", f"{g}({w - 1}, i).orR")]
