"""L2: a signed adder/subtractor with a wrapping result and an overflow flag."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register, to_signed
from chisellm.data.families.l1_l2_common import make_io, module_comb_vectors, module_source, substitute
from chisellm.hdl.vectors import Vectors


@register
class AddSubOverflow(Family):
    """`result` = a + b or a - b (wrapping, SInt), `overflow` = the exact result does not fit."""

    name = "add_sub_overflow"
    level = "L2"
    features = ("SInt", "overflow", "Mux", "+&", "-&")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["AddSubUnit", "SignedAddSub", "AdderSubtractor", "OverflowAddSub"]),
                "io_style": rng.choice(["bundle", "flat"]), "width": rng.randint(3, 16)}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w = params["width"]
        return [PortSpec("a", "input", w, True, "SInt"), PortSpec("b", "input", w, True, "SInt"),
                PortSpec("sub", "input", 1, kind="Bool", doc="true: a - b, false: a + b"),
                PortSpec("result", "output", w, True, "SInt", doc="wrapped result"),
                PortSpec("overflow", "output", 1, kind="Bool", doc="signed overflow")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w = params["width"]
        lo, hi = -(1 << (w - 1)), (1 << (w - 1)) - 1
        return [
            f"A signed {w}-bit adder/subtractor: when `sub` is false `result` = a + b, when true `result` = a - b, "
            f"wrapped to {w} bits two's complement; `overflow` is true when the exact result lies outside "
            f"[{lo}, {hi}].",
            f"Add or subtract two SInt({w}.W) operands (sub selects subtraction). Output the low {w} bits as a signed "
            f"`result` and flag `overflow` when the true sum/difference does not fit in {w} bits.",
            f"result = sub ? a - b : a + b (mod 2^{w}, signed), overflow = the mathematically exact value is below "
            f"{lo} or above {hi}.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        w, a, b, sub = params["width"], io("a"), io("b"), io("sub")
        wide = (f"  val exact = Mux({sub}, {a} -& {b}, {a} +& {b})\n  {io('result')} := exact({w - 1}, 0).asSInt\n"
                f"  {io('overflow')} := exact({w}) =/= exact({w - 1})\n")
        signs = (f"  val operandB = Mux({sub}, -{b}, {b})\n  val res = Wire(SInt({w}.W))\n"
                 f"  res := Mux({sub}, {a} - {b}, {a} + {b})\n  {io('result')} := res\n"
                 f"  val aNeg = {a} < 0.S\n  val bNeg = Mux({sub}, !({b} < 0.S), {b} < 0.S)\n"
                 f"  val rNeg = res < 0.S\n  {io('overflow')} := (aNeg === bNeg) && (rNeg =/= aNeg)\n")
        signs = signs.replace(f"  val operandB = Mux({sub}, -{b}, {b})\n", "")
        return {"extended_width": module_source(params["module_name"], io, wide),
                "sign_rule": module_source(params["module_name"], io, signs)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        w = params["width"]
        lo, hi = -(1 << (w - 1)), (1 << (w - 1)) - 1

        def fn(v: dict[str, int]) -> dict[str, int]:
            exact = v["a"] - v["b"] if v["sub"] else v["a"] + v["b"]
            return {"result": to_signed(exact, w), "overflow": int(not lo <= exact <= hi)}

        return module_comb_vectors(self.ports(params), params, fn, rng)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        b, sub = io("b"), io("sub")
        ref = self.styles(params)["sign_rule"]
        return [substitute(ref, f"val bNeg = Mux({sub}, !({b} < 0.S), {b} < 0.S)", f"val bNeg = {b} < 0.S"),
                substitute(ref, f"{io('overflow')} := (aNeg === bNeg) && (rNeg =/= aNeg)",
                           f"{io('overflow')} := rNeg =/= aNeg")]
