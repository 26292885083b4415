"""L2: a barrel shifter: logical/arithmetic shifts and rotates by a variable amount."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, mask, register, to_signed
from chisellm.data.families.l1_l2_common import bits_for, make_io, module_comb_vectors, module_source, substitute
from chisellm.hdl.vectors import Vectors

DESCRIPTIONS = {
    "sll": "shifted left by `shamt`, filling with zeros and keeping the low {w} bits",
    "srl": "shifted right (logical) by `shamt`, filling with zeros",
    "sra": "shifted right (arithmetic) by `shamt`, filling with copies of the sign bit {w1}",
    "rotl": "rotated left by `shamt` (bits leaving the top re-enter at the bottom)",
    "rotr": "rotated right by `shamt` (bits leaving the bottom re-enter at the top)",
}
WRONG_OP = {"sll": "srl", "srl": "sra", "sra": "srl", "rotl": "rotr", "rotr": "rotl"}


def _shift(op: str, x: int, s: int, w: int) -> int:
    full = (1 << w) - 1
    return {"sll": (x << s) & full, "srl": x >> s, "sra": mask(to_signed(x, w) >> s, w),
            "rotl": ((x << s) | (x >> (w - s))) & full if s else x,
            "rotr": ((x >> s) | (x << (w - s))) & full if s else x}[op]


@register
class BarrelShifter(Family):
    """`out` = data shifted or rotated by `shamt` (one fixed operation per design)."""

    name = "barrel_shifter"
    level = "L2"
    features = ("<<", ">>", "asSInt", "Cat", "Mux", "Vec", "shifter")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        op = rng.choice(list(DESCRIPTIONS))
        names = {"sll": ["LeftShifter", "ShiftLeftUnit"], "srl": ["RightShifter", "LogicalShiftRight"],
                 "sra": ["ArithShifter", "ArithShiftRight"], "rotl": ["RotateLeft", "LeftRotator"],
                 "rotr": ["RotateRight", "RightRotator"]}[op]
        return {"module_name": rng.choice(names + ["BarrelShifter"]), "io_style": rng.choice(["bundle", "flat"]),
                "width": rng.choice([4, 8, 16, 32]), "op": op}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w = params["width"]
        return [PortSpec("data", "input", w), PortSpec("shamt", "input", bits_for(w - 1), doc="shift amount"),
                PortSpec("out", "output", w)]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w, s = params["width"], bits_for(params["width"] - 1)
        what = DESCRIPTIONS[params["op"]].format(w=w, w1=w - 1)
        return [
            f"A {w}-bit barrel shifter: `out` is the input `data` {what}. `shamt` is {s} bits wide (0 to {w - 1}).",
            f"Output `out` = `data` ({w} bits) {what}; the shift amount `shamt` is an unsigned {s}-bit value and a "
            f"shift by 0 leaves data unchanged.",
            f"Combinational shifter, {w}-bit data and {s}-bit amount: out = data {what}.",
        ]

    def _stage(self, op: str, x: str, c: int, w: int) -> str:
        return {"sll": f"Cat({x}({w - 1 - c}, 0), 0.U({c}.W))", "srl": f"Cat(0.U({c}.W), {x}({w - 1}, {c}))",
                "sra": f"Cat(Fill({c}, {x}({w - 1})), {x}({w - 1}, {c}))",
                "rotl": f"Cat({x}({w - 1 - c}, 0), {x}({w - 1}, {w - c}))",
                "rotr": f"Cat({x}({c - 1}, 0), {x}({w - 1}, {c}))"}[op]

    def _operator(self, op: str, d: str, s: str, w: int) -> str:
        return {"sll": f"({d} << {s})({w - 1}, 0)", "srl": f"{d} >> {s}", "sra": f"({d}.asSInt >> {s}).asUInt",
                "rotl": f"(({d} << {s}) | ({d} >> ({w}.U - {s})))({w - 1}, 0)",
                "rotr": f"(({d} >> {s}) | ({d} << ({w}.U - {s})))({w - 1}, 0)"}[op]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        w, op, k = params["width"], params["op"], bits_for(params["width"] - 1)
        d, s, out = io("data"), io("shamt"), io("out")
        operator = f"  {out} := {self._operator(op, d, s, w)}\n"
        stages = (f"  val stage = Wire(Vec({k + 1}, UInt({w}.W)))\n  stage(0) := {d}\n"
                  + "".join(f"  stage({i + 1}) := Mux({s}({i}), {self._stage(op, f'stage({i})', 1 << i, w)}, stage({i}))\n"
                            for i in range(k))
                  + f"  {out} := stage({k})\n")
        return {"operator": module_source(params["module_name"], io, operator),
                "log_stages": module_source(params["module_name"], io, stages, util=True)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        w, op = params["width"], params["op"]
        return module_comb_vectors(self.ports(params), params,
                                   lambda v: {"out": _shift(op, v["data"], v["shamt"], w)}, rng, random_count=400)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        w, op, k = params["width"], params["op"], bits_for(params["width"] - 1)
        d, s, out = io("data"), io("shamt"), io("out")
        ref = self.styles(params)["operator"]
        wrong_op = substitute(ref, f"{out} := {self._operator(op, d, s, w)}",
                              f"{out} := {self._operator(WRONG_OP[op], d, s, w)}")
        narrow = substitute(ref, f"{out} := {self._operator(op, d, s, w)}",
                            f"{out} := {self._operator(op, d, f'{s}({k - 2}, 0)', w)}")
        return [wrong_op, narrow]
