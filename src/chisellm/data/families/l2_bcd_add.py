"""L2: a one-digit BCD adder with carry in and carry out."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l1_l2_common import make_io, module_listed_vectors, module_source, substitute
from chisellm.hdl.vectors import Vectors

# Port names by role: (first digit, second digit, carry in, sum digit, carry out).
PORT_NAMES = [("a", "b", "cin", "sum", "cout"), ("x", "y", "carryIn", "digit", "carryOut"),
              ("augend", "addend", "cin", "result", "cout")]


@register
class BcdDigitAdder(Family):
    """{cout, sum} = a + b + cin in decimal: sum is a BCD digit, cout is set when the total exceeds 9."""

    name = "bcd_digit_adder"
    level = "L2"
    features = ("BCD", "+&", "when", "Mux", "decimal correction")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["BcdAdder", "DecimalDigitAdder", "BcdDigitAdd", "DecimalAdder"]),
                "io_style": rng.choice(["bundle", "flat"]), "names": rng.choice(PORT_NAMES)}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        a, b, cin, s, c = params["names"]
        return [PortSpec(a, "input", 4, doc="BCD digit 0-9"), PortSpec(b, "input", 4, doc="BCD digit 0-9"),
                PortSpec(cin, "input", 1, kind="Bool", doc="decimal carry in"),
                PortSpec(s, "output", 4, doc="BCD sum digit"),
                PortSpec(c, "output", 1, kind="Bool", doc="decimal carry out")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        a, b, cin, s, c = params["names"]
        return [
            f"Add two BCD digits `{a}` and `{b}` (each 0-9, 4 bits) and the carry-in `{cin}`. If the total "
            f"t = {a} + {b} + {cin} is 10 or more, `{s}` = t - 10 and `{c}` is true; otherwise `{s}` = t and `{c}` "
            f"is false.",
            f"A single-digit decimal (BCD) adder: {s} and {c} give {a} + {b} + {cin} in base 10, where {s} is the "
            f"4-bit units digit (0-9) and {c} the tens carry. Inputs are always valid BCD digits.",
            f"Binary-add the 4-bit BCD inputs {a} and {b} with {cin}, then apply decimal correction: when the binary "
            f"total exceeds 9, add 6, keep the low 4 bits as `{s}` and raise `{c}`.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        a, b, cin, s, c = (io(n) for n in params["names"])
        name = params["module_name"]
        when = (f"  val total = {a} +& {b} + {cin}\n  when(total > 9.U) {{\n    {s} := (total + 6.U)(3, 0)\n"
                f"    {c} := true.B\n  }}.otherwise {{\n    {s} := total(3, 0)\n    {c} := false.B\n  }}\n")
        mux = (f"  val total = {a} +& {b} + {cin}\n  val carry = total >= 10.U\n  {c} := carry\n"
               f"  {s} := Mux(carry, total - 10.U, total)(3, 0)\n")
        return {"add6_correction": module_source(name, io, when), "subtract10": module_source(name, io, mux)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        na, nb, ncin, ns, nc = params["names"]

        def fn(v: dict[str, int]) -> dict[str, int]:
            t = v[na] + v[nb] + v[ncin]
            return {ns: t - 10 if t >= 10 else t, nc: int(t >= 10)}

        stim = [{na: a, nb: b, ncin: c} for a in range(10) for b in range(10) for c in range(2)]
        return module_listed_vectors(self.ports(params), params, fn, stim)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        a, b, cin = (io(n) for n in params["names"][:3])
        ref = self.styles(params)["subtract10"]
        return [substitute(ref, "total >= 10.U", "total > 10.U"),
                substitute(ref, f"{a} +& {b} + {cin}", f"{a} +& {b}")]
