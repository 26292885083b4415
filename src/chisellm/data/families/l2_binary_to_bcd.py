"""L2: binary to BCD conversion (three decimal digits)."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l1_l2_common import make_io, module_comb_vectors, module_source, substitute
from chisellm.hdl.vectors import Vectors


@register
class BinaryToBcd(Family):
    """`hundreds`, `tens`, `ones` = the decimal digits of the unsigned input."""

    name = "binary_to_bcd"
    level = "L2"
    features = ("double dabble", "/", "%", "foldLeft", "Cat", "BCD")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["BinaryToBcd", "BcdConverter", "DecimalDigits", "DoubleDabble"]),
                "io_style": rng.choice(["bundle", "flat"]), "width": rng.choice([7, 8, 9])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        return [PortSpec("value", "input", params["width"], doc="unsigned binary value"),
                PortSpec("hundreds", "output", 4, doc="hundreds digit"),
                PortSpec("tens", "output", 4, doc="tens digit"),
                PortSpec("ones", "output", 4, doc="units digit")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w, top = params["width"], (1 << params["width"]) - 1
        return [
            f"Convert the {w}-bit unsigned `value` (0 to {top}) to three 4-bit BCD digits: `hundreds`, `tens` and "
            f"`ones`, so that value = 100*hundreds + 10*tens + ones.",
            f"Binary-to-decimal converter: output the decimal digits of a {w}-bit number, each as a 4-bit BCD digit "
            f"(e.g. {top} gives {top // 100}, {top // 10 % 10}, {top % 10}).",
            f"Split the unsigned {w}-bit input into its hundreds, tens and units decimal digits (each 0-9, 4 bits).",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        w, v, name = params["width"], io("value"), params["module_name"]
        divmod = (f"  {io('ones')} := {v} % 10.U\n  {io('tens')} := ({v} / 10.U) % 10.U\n"
                  f"  {io('hundreds')} := ({v} / 100.U)(3, 0)\n")
        dabble = (f"  val bcd = ({w - 1} to 0 by -1).foldLeft(0.U(12.W)) {{ (acc, i) =>\n"
                  f"    val adjusted = VecInit((0 until 3).map {{ d =>\n      val digit = acc(4 * d + 3, 4 * d)\n"
                  f"      Mux(digit >= 5.U, digit + 3.U, digit)\n    }}).asUInt\n    Cat(adjusted(10, 0), {v}(i))\n  }}\n"
                  f"  {io('ones')} := bcd(3, 0)\n  {io('tens')} := bcd(7, 4)\n  {io('hundreds')} := bcd(11, 8)\n")
        return {"div_mod": module_source(name, io, divmod), "double_dabble": module_source(name, io, dabble, util=True)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        return module_comb_vectors(self.ports(params), params, lambda v: {
            "hundreds": v["value"] // 100, "tens": v["value"] // 10 % 10, "ones": v["value"] % 10}, rng)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        v = io("value")
        return [substitute(self.styles(params)["double_dabble"], "digit >= 5.U", "digit > 5.U"),
                substitute(self.styles(params)["div_mod"], f"({v} / 10.U) % 10.U", f"{v} / 10.U")]
