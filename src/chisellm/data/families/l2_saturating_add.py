"""L2: a saturating adder (unsigned or signed) that clamps instead of wrapping."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l1_l2_common import make_io, module_comb_vectors, module_source, substitute
from chisellm.hdl.vectors import Vectors


@register
class SaturatingAdd(Family):
    """`sum` = a + b clamped to the representable range of the width."""

    name = "saturating_add"
    level = "L2"
    features = ("+&", "Mux", "saturation", "SInt", "when")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["SaturatingAdder", "ClampAdd", "SatAdd", "SaturatedSum"]),
                "io_style": rng.choice(["bundle", "flat"]), "width": rng.randint(3, 16),
                "signed": rng.choice([False, True])}

    def _range(self, params: dict[str, Any]) -> tuple[int, int]:
        w = params["width"]
        return (-(1 << (w - 1)), (1 << (w - 1)) - 1) if params["signed"] else (0, (1 << w) - 1)

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w, s = params["width"], params["signed"]
        kind = "SInt" if s else "UInt"
        return [PortSpec("a", "input", w, s, kind), PortSpec("b", "input", w, s, kind),
                PortSpec("sum", "output", w, s, kind, doc="saturated a + b")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w = params["width"]
        lo, hi = self._range(params)
        how = "signed (SInt, two's complement)" if params["signed"] else "unsigned (UInt)"
        clamp = f"{hi} on positive overflow and {lo} on negative overflow" if params["signed"] else f"{hi} on overflow"
        return [
            f"A saturating adder for {w}-bit {how} numbers: `sum` = a + b when the exact result fits in "
            f"[{lo}, {hi}], otherwise it clamps to {clamp}.",
            f"Add `a` and `b` ({w} bits, {how}) without wrap-around: results beyond the range are limited to the "
            f"nearest bound ({lo} or {hi}).",
            f"sum = min(max(a + b, {lo}), {hi}) for {how} {w}-bit inputs; the output has the same width and type.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        w, a, b, s, name = params["width"], io("a"), io("b"), io("sum"), params["module_name"]
        lo, hi = self._range(params)
        if not params["signed"]:
            compare = f"  val exact = {a} +& {b}\n  {s} := Mux(exact > {hi}.U, {hi}.U, exact({w - 1}, 0))\n"
            carry = (f"  val exact = {a} +& {b}\n  when(exact({w})) {{\n    {s} := Fill({w}, 1.U(1.W))\n"
                     f"  }}.otherwise {{\n    {s} := exact({w - 1}, 0)\n  }}\n")
            return {"compare_clamp": module_source(name, io, compare, util=True),
                    "carry_check": module_source(name, io, carry, util=True)}
        compare = (f"  val exact = {a} +& {b}\n  {s} := MuxCase(exact({w - 1}, 0).asSInt, Seq(\n"
                   f"    (exact > {hi}.S) -> {hi}.S({w}.W),\n    (exact < ({lo}).S) -> ({lo}).S({w}.W)\n  ))\n")
        signs = (f"  val wrapped = {a} + {b}\n  val sameSign = {a}({w - 1}) === {b}({w - 1})\n"
                 f"  val overflow = sameSign && (wrapped({w - 1}) =/= {a}({w - 1}))\n  {s} := wrapped\n"
                 f"  when(overflow) {{\n    {s} := Mux({a} < 0.S, ({lo}).S({w}.W), {hi}.S({w}.W))\n  }}\n")
        return {"compare_clamp": module_source(name, io, compare, util=True),
                "overflow_rule": module_source(name, io, signs)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        lo, hi = self._range(params)
        return module_comb_vectors(self.ports(params), params,
                                   lambda v: {"sum": min(max(v["a"] + v["b"], lo), hi)}, rng)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        w, a, b = params["width"], io("a"), io("b")
        lo, hi = self._range(params)
        ref = self.styles(params)["compare_clamp"]
        wrap = substitute(ref, f"{a} +& {b}", f"{a} + {b}")
        if not params["signed"]:
            return [wrap, substitute(ref, f"Mux(exact > {hi}.U, {hi}.U,", f"Mux(exact > {hi}.U, {hi - 1}.U,")]
        return [wrap, substitute(ref, f"    (exact < ({lo}).S) -> ({lo}).S({w}.W)\n", "")]
