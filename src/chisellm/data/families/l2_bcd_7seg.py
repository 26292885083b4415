"""L2: a BCD digit to seven-segment display decoder."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l1_l2_common import make_io, module_comb_vectors, module_source, substitute
from chisellm.hdl.vectors import Vectors

# Segment patterns, bit 0 = segment a ... bit 6 = segment g, 1 = lit: digits 0-9, then hex letters A b C d E F.
SEGMENTS = [0x3F, 0x06, 0x5B, 0x4F, 0x66, 0x6D, 0x7D, 0x07, 0x7F, 0x6F, 0x77, 0x7C, 0x39, 0x5E, 0x79, 0x71]


@register
class SevenSegment(Family):
    """`seg` = the segment pattern of `digit` (BCD with blank above 9, or hex with A-F), active high or low."""

    name = "bcd_to_7seg"
    level = "L2"
    features = ("switch", "MuxLookup", "VecInit", "lookup table", "BCD")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        hex_digits = rng.choice([False, True])
        names = ["HexToSevenSeg", "HexDisplayDecoder"] if hex_digits else ["BcdToSevenSeg", "DigitDisplay"]
        return {"module_name": rng.choice(names + ["SevenSegDecoder", "SegmentDriver"]),
                "io_style": rng.choice(["bundle", "flat"]), "active_low": rng.choice([False, True]),
                "hex": hex_digits}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        return [PortSpec("digit", "input", 4, doc="hex digit" if params["hex"] else "BCD digit"),
                PortSpec("seg", "output", 7, doc="segments g..a (bit 0 = a)")]

    def _value(self, params: dict[str, Any], d: int) -> int:
        v = SEGMENTS[d] if d < 10 or params["hex"] else 0
        return v ^ 0x7F if params["active_low"] else v

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        pol = ("active low (a segment is lit when its bit is 0)" if params["active_low"]
               else "active high (a segment is lit when its bit is 1)")
        if params["hex"]:
            table = ", ".join(f"{d:X}: 0x{self._value(params, d):02X}" for d in range(16))
            return [
                f"Decode the 4-bit hexadecimal `digit` into the 7-bit segment vector `seg` for a seven-segment "
                f"display. Bit 0 of seg drives segment a, bit 1 b, ... bit 6 g; outputs are {pol}. 0-9 use the usual "
                f"shapes (6 includes segment a, 9 includes segment d) and 10-15 show A, b, C, d, E, F, so seg in hex "
                f"is {table}.",
                f"Hex seven-segment decoder, seg = {{g,f,e,d,c,b,a}}, {pol}. Table (digit: seg): {table}.",
                f"Map a hex digit 0-F to display patterns ({pol}; bit i of `seg` is segment 'abcdefg'[i]), letters "
                f"shown as A b C d E F: {table}.",
            ]
        table = ", ".join(f"{d}: 0x{self._value(params, d):02X}" for d in range(10))
        blank = f"0x{self._value(params, 10):02X}"
        return [
            f"Decode the 4-bit BCD `digit` into the 7-bit segment vector `seg` for a common seven-segment display. "
            f"Bit 0 of seg drives segment a, bit 1 b, ... bit 6 g; outputs are {pol}. Digits 0-9 use the usual "
            f"shapes (6 includes segment a, 9 includes segment d), so seg in hex is {table}. For inputs 10-15 all "
            f"segments are off (seg = {blank}).",
            f"Seven-segment decoder, seg = {{g,f,e,d,c,b,a}}, {pol}. Table: {table}; any other digit value gives "
            f"{blank} (blank).",
            f"Map BCD 0..9 to display patterns ({pol}; bit i of `seg` is segment 'abcdefg'[i]): {table}. Non-BCD "
            f"codes 10-15 blank the display ({blank}).",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        d, seg, name = io("digit"), io("seg"), params["module_name"]
        count = 16 if params["hex"] else 10
        lit = [f"\"b{SEGMENTS[i]:07b}\".U" for i in range(count)]
        inv = "~" if params["active_low"] else ""
        cases = "\n".join(f"    is({i}.U) {{ pattern := {lit[i]} }}" for i in range(count))
        switch = (f"  val pattern = WireDefault(0.U(7.W))\n  switch({d}) {{\n{cases}\n  }}\n"
                  f"  {seg} := {inv}pattern\n")
        pairs = ",\n".join(f"    {i}.U -> {lit[i]}" for i in range(count))
        lookup = f"  val pattern = MuxLookup({d}, 0.U(7.W))(Seq(\n{pairs}\n  ))\n  {seg} := {inv}pattern\n"
        rom_vals = ", ".join(f"\"h{self._value(params, i):02x}\".U(7.W)" for i in range(16))
        rom = f"  val table = VecInit({rom_vals})\n  {seg} := table({d})\n"
        return {"switch_is": module_source(name, io, switch, util=True),
                "mux_lookup": module_source(name, io, lookup, util=True), "rom_vec": module_source(name, io, rom)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        return module_comb_vectors(self.ports(params), params, lambda v: {"seg": self._value(params, v["digit"])}, rng)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        ref = self.styles(params)["switch_is"]
        inv = "~" if params["active_low"] else ""
        seg = make_io(self.ports(params), params)("seg")
        return [substitute(ref, f"is(6.U) {{ pattern := \"b{SEGMENTS[6]:07b}\".U }}", "is(6.U) { pattern := \"b1111100\".U }"),
                substitute(ref, f"{seg} := {inv}pattern", f"{seg} := {'' if inv else '~'}pattern"),
                substitute(ref, f"is(9.U) {{ pattern := \"b{SEGMENTS[9]:07b}\".U }}", "is(9.U) { pattern := \"b1100111\".U }")]
