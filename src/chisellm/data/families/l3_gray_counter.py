"""L3: a Gray-code counter (binary register + encoder, or a register holding the Gray code itself)."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, mask, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, io_block, io_ref, module_source, pick_name, random_rows,
)
from chisellm.hdl.vectors import Vectors

NAMES = ("GrayCounter", "GrayCodeCounter", "ReflectedBinaryCounter")


@register
class GrayCounterFamily(Family):
    name = "gray_counter"
    level = "L3"
    features = ("RegInit", "xor", "scanRight", "Gray code")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "width": rng.choice([3, 4, 5, 6])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        return [PortSpec("en", "input", 1, kind="Bool", doc="count enable"),
                PortSpec("gray", "output", params["width"], doc="count in Gray code")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w = params["width"]
        return [
            f"A {w}-bit Gray-code counter. It counts 0, 1, 2, ... (mod 2^{w}) on every rising edge where `en` is 1 "
            f"and holds otherwise; the count resets synchronously to 0. The output `gray` is the count converted to "
            f"reflected binary Gray code, count XOR (count >> 1), so consecutive values differ in exactly one bit.",
            f"Implement a counter whose output `gray` steps through the {w}-bit Gray code sequence (0, 1, 3, 2, 6, "
            f"...) advancing once per enabled cycle (`en`), wrapping around; reset gives 0.",
            f"Build an enable-gated {w}-bit counter with Gray-coded output: `gray` = bin ^ (bin >> 1), where bin is "
            f"the number of enabled cycles since reset modulo 2^{w}.",
        ]

    def _source(self, params: dict[str, Any], body: str) -> str:
        return module_source(params["module_name"], io_block(self.ports(params), params["io_style"]), body, util=False)

    def _binary(self, params: dict[str, Any], shift: str = ">>") -> str:
        p, w = io_ref(params["io_style"]), params["width"]
        out = f"bin ^ (bin >> 1)" if shift == ">>" else f"(bin ^ (bin << 1))({w - 1}, 0)"
        return (f"  val bin = RegInit(0.U({w}.W))\n  when({p}en) {{\n    bin := bin + 1.U\n  }}\n"
                f"  {p}gray := {out}\n")

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p, w = io_ref(params["io_style"]), params["width"]
        native = (f"  val code = RegInit(0.U({w}.W))\n"
                  f"  // Gray to binary: bit i is the XOR of code bits i and above\n"
                  f"  val binBits = code.asBools.scanRight(false.B)(_ ^ _).init\n"
                  f"  val next = VecInit(binBits).asUInt + 1.U\n"
                  f"  when({p}en) {{\n    code := next ^ (next >> 1)\n  }}\n"
                  f"  {p}gray := code\n")
        return {"binary_register": self._source(params, self._binary(params)), "gray_register": self._source(params, native)}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        p, w = io_ref(params["io_style"]), params["width"]
        plain = f"  val bin = RegInit(0.U({w}.W))\n  when({p}en) {{\n    bin := bin + 1.U\n  }}\n  {p}gray := bin\n"
        return [self._source(params, self._binary(params, "<<")), self._source(params, plain)]

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        w = params["width"]
        state: dict[str, int | None] = {"bin": None}

        def step(row: Row) -> Row:
            b = state["bin"]
            out = {"gray": None if b is None else b ^ (b >> 1)}
            if row["reset"]:
                state["bin"] = 0
            elif row["en"] and b is not None:
                state["bin"] = mask(b + 1, w)
            return out

        rows = random_rows(self.ports(params), rng, 240, bias={"en": 0.8})
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
