"""L1: extracting a bit field and single bits from a word."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l1_l2_common import make_io, module_comb_vectors, module_source, substitute
from chisellm.hdl.vectors import Vectors


@register
class BitSlice(Family):
    """`field` = a(hi, lo), `pick` = a(i), `msb` = the top bit of a."""

    name = "bit_slice"
    level = "L1"
    features = ("bit extraction", "slice", "Bool")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        w = rng.choice([8, 10, 12, 16])
        lo = rng.randint(1, w - 4)
        return {"module_name": rng.choice(["FieldExtract", "BitPicker", "SliceBits", "FieldSelect"]),
                "io_style": rng.choice(["bundle", "flat"]), "width": w, "lo": lo, "hi": rng.randint(lo + 1, w - 2),
                "bit": rng.randint(1, w - 2)}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w, hi, lo = params["width"], params["hi"], params["lo"]
        return [PortSpec("word", "input", w, doc="input word"),
                PortSpec("field", "output", hi - lo + 1, doc=f"bits {hi} down to {lo} of word"),
                PortSpec("pick", "output", 1, kind="Bool", doc=f"bit {params['bit']} of word"),
                PortSpec("msb", "output", 1, kind="Bool", doc="most significant bit of word")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w, hi, lo, b = params["width"], params["hi"], params["lo"], params["bit"]
        return [
            f"From the {w}-bit input `word` (bit 0 is the LSB), output `field` = word[{hi}:{lo}] ({hi - lo + 1} bits, "
            f"bit {lo} of word becomes bit 0 of field), `pick` = word[{b}] and `msb` = word[{w - 1}].",
            f"Bit extraction: `field` is the slice of `word` from bit {hi} down to bit {lo} inclusive, `pick` is "
            f"bit {b} as a Bool and `msb` is the top bit ({w - 1}) of the {w}-bit word.",
            f"Decode a field out of a {w}-bit word: field = (word >> {lo}) keeping {hi - lo + 1} bits; pick = bit {b} "
            f"of word; msb = bit {w - 1} of word.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        w, hi, lo, b, x = params["width"], params["hi"], params["lo"], params["bit"], io("word")
        apply = (f"  {io('field')} := {x}({hi}, {lo})\n  {io('pick')} := {x}({b})\n  {io('msb')} := {x}({w - 1})\n")
        shift = (f"  {io('field')} := ({x} >> {lo})({hi - lo}, 0)\n  {io('pick')} := ({x} >> {b})(0)\n"
                 f"  {io('msb')} := {x}.head(1).asBool\n")
        return {"apply": module_source(params["module_name"], io, apply),
                "shift": module_source(params["module_name"], io, shift)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        w, hi, lo, b = params["width"], params["hi"], params["lo"], params["bit"]
        return module_comb_vectors(self.ports(params), params, lambda v: {
            "field": (v["word"] >> lo) & ((1 << (hi - lo + 1)) - 1), "pick": (v["word"] >> b) & 1,
            "msb": v["word"] >> (w - 1)}, rng)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        hi, lo, b, x = params["hi"], params["lo"], params["bit"], io("word")
        ref = self.styles(params)["apply"]
        return [substitute(ref, f"{x}({hi}, {lo})", f"{x}({hi + 1}, {lo + 1})"),
                substitute(ref, f"{x}({b})", f"{x}({b - 1})")]
