"""L4: a module hierarchy: a top that instantiates N copies of a digit-counter submodule and chains carries."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, generator_note, io_block, io_ref, log2_ceil, module_source, pick_name, random_rows,
)
from chisellm.hdl.vectors import Vectors

NAMES = ("CounterChain", "CascadedCounter", "MultiDigitCounter", "DigitChainCounter")


@register
class CounterChainFamily(Family):
    name = "counter_chain"
    level = "L4"
    features = ("module hierarchy", "Module instantiation", "Seq.fill", "foldLeft", "Vec", "VecInit")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "digits": rng.choice([2, 3, 4]), "radix": rng.choice([3, 4, 5, 10])}

    def _dw(self, params: dict[str, Any]) -> int:
        return log2_ceil(params["radix"])

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        return [PortSpec("inc", "input", 1, kind="Bool", doc="count one event"),
                PortSpec("digits", "output", self._dw(params), kind="Vec", count=params["digits"],
                         doc="digits(0) is the least significant digit"),
                PortSpec("overflow", "output", 1, kind="Bool", doc="the whole chain wraps this cycle")]

    def top_args(self, params: dict[str, Any]) -> str:
        return f"{params['digits']}, {params['radix']}"

    def _sub(self, params: dict[str, Any]) -> str:
        return f"{params['module_name']}Digit"

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        n, r, sub = params["digits"], params["radix"], self._sub(params)
        note = generator_note(params["module_name"], "(numDigits: Int, radix: Int)", self.top_args(params))
        digit = (f"Build it hierarchically: a submodule `{sub}(radix: Int)` is one digit, a register (synchronous "
                 f"reset 0) counting 0 to radix-1 that advances when its input `inc` is 1 and wraps to 0 after "
                 f"radix-1; its output `carry` is combinationally `inc` AND (value == radix-1). The top instantiates "
                 f"`numDigits` copies and feeds each digit's `carry` into the next digit's `inc`.")
        return [
            f"A {n}-digit base-{r} event counter. `inc` advances digit 0; `digits` is a Vec with digit 0 least "
            f"significant; `overflow` is the carry out of the last digit (1 in the cycle the whole counter wraps "
            f"to zero). {digit}{note}",
            f"Cascaded modulo-{r} counters: {n} digit counters in a chain, each incremented by the carry of the one "
            f"below (the first by `inc`). Output every digit on the Vec `digits` and the final carry on `overflow` "
            f"(combinational). {digit}{note}",
            f"Multi-digit counter generator (numDigits = {n}, radix = {r}), e.g. an odometer. {digit}{note}",
        ]

    def _digit_module(self, params: dict[str, Any], gated: bool = True, last: str = "radix - 1") -> str:
        carry = f"io.inc && value === ({last}).U" if gated else f"value === ({last}).U"
        return (f"class {self._sub(params)}(radix: Int) extends Module {{\n"
                f"  val io = IO(new Bundle {{\n    val inc = Input(Bool())\n"
                f"    val value = Output(UInt(log2Ceil(radix).W))\n    val carry = Output(Bool())\n  }})\n"
                f"  val value = RegInit(0.U(log2Ceil(radix).W))\n"
                f"  when(io.inc) {{\n    value := Mux(value === ({last}).U, 0.U, value + 1.U)\n  }}\n"
                f"  io.value := value\n  io.carry := {carry}\n}}\n")

    def _source(self, params: dict[str, Any], body: str, preamble: str) -> str:
        io = io_block(self.ports(params), params["io_style"], {"digits": "Vec(numDigits, UInt(log2Ceil(radix).W))"})
        return module_source(params["module_name"], io, body, ctor="(numDigits: Int, radix: Int)", preamble=preamble)

    def _fold_body(self, params: dict[str, Any]) -> str:
        p, sub = io_ref(params["io_style"]), self._sub(params)
        return (f"  val stages = Seq.fill(numDigits)(Module(new {sub}(radix)))\n"
                f"  val carryOut = stages.foldLeft({p}inc) {{ (carryIn, stage) =>\n"
                f"    stage.io.inc := carryIn\n    stage.io.carry\n  }}\n"
                f"  {p}digits := VecInit(stages.map(_.io.value))\n  {p}overflow := carryOut\n")

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p, sub = io_ref(params["io_style"]), self._sub(params)
        loop = (f"  val stages = for (i <- 0 until numDigits) yield Module(new {sub}(radix))\n"
                f"  stages(0).io.inc := {p}inc\n"
                f"  for (i <- 1 until numDigits) {{\n    stages(i).io.inc := stages(i - 1).io.carry\n  }}\n"
                f"  for (i <- 0 until numDigits) {{\n    {p}digits(i) := stages(i).io.value\n  }}\n"
                f"  {p}overflow := stages(numDigits - 1).io.carry\n")
        return {"fold_submodules": self._source(params, self._fold_body(params), self._digit_module(params)),
                "indexed_submodules": self._source(params, loop, self._digit_module(params))}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        body = self._fold_body(params)
        return [self._source(params, body, self._digit_module(params, gated=False)),
                self._source(params, body, self._digit_module(params, last="radix"))]

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        n, r = params["digits"], params["radix"]
        digits: list[int | None] = [None] * n

        def step(row: Row) -> Row:
            if digits[0] is None:
                out: Row = {"digits": list(digits), "overflow": None}
            else:
                carry = row["inc"]
                for d in digits:
                    carry = int(carry and d == r - 1)
                out = {"digits": list(digits), "overflow": carry}
            if row["reset"]:
                digits[:] = [0] * n
            elif digits[0] is not None:
                carry = row["inc"]
                for i in range(n):
                    if not carry:
                        break
                    carry = int(digits[i] == r - 1)
                    digits[i] = 0 if carry else digits[i] + 1
            return out

        rows = random_rows(self.ports(params), rng, 300, bias={"inc": 0.9}, mid_reset_prob=0.0)
        rows[150]["reset"] = 1  # one mid-run reset; otherwise let the upper digits roll over
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
