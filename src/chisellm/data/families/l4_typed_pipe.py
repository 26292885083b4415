"""L4: a type-parameterized valid pipeline `class X[T <: Data](gen: T, stages: Int)`."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, generator_note, io_block, io_ref, module_source, pick_name, random_rows,
)
from chisellm.hdl.vectors import Vectors

NAMES = ("ValidPipe", "GenericPipeline", "TypedDelayPipe", "PayloadPipeline")


@register
class TypedPipeFamily(Family):
    name = "typed_pipe"
    level = "L4"
    features = ("type parameter", "Data", "Pipe", "RegEnable", "foldLeft")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "gen": rng.choice(["UInt", "SInt"]), "width": rng.choice([4, 8, 16]), "stages": rng.choice([1, 2, 3, 4])}

    def _gen(self, params: dict[str, Any]) -> str:
        return f"{params['gen']}({params['width']}.W)"

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w, signed = params["width"], params["gen"] == "SInt"
        return [PortSpec("inValid", "input", 1, kind="Bool", doc="input payload is valid"),
                PortSpec("inBits", "input", w, signed=signed, kind=params["gen"], doc="input payload of type gen"),
                PortSpec("outValid", "output", 1, kind="Bool", doc="output payload is valid"),
                PortSpec("outBits", "output", w, signed=signed, kind=params["gen"], doc="output payload")]

    def top_args(self, params: dict[str, Any]) -> str:
        # Fully qualified: the engine's elaboration harness has no `import chisel3._` (no `.W` implicit there).
        return f"chisel3.{params['gen']}(chisel3.Width({params['width']})), {params['stages']}"

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        n, gen = params["stages"], self._gen(params)
        note = generator_note(params["module_name"], "[T <: Data](gen: T, stages: Int)", f"{gen}, {n}")
        return [
            f"A generic valid pipeline: ports `inValid`, `inBits` (type `gen`), `outValid`, `outBits` (type `gen`). "
            f"A payload entering with `inValid` = 1 leaves exactly `stages` cycles later with `outValid` = 1. The "
            f"valid bits are registers reset synchronously to 0; the payload registers need no reset, and "
            f"`outBits` only matters when `outValid` is 1. Here gen = {gen}, stages = {n}.{note}",
            f"Delay a (valid, bits) pair by `stages` = {n} clock cycles for any Chisel data type T (here {gen}). "
            f"`outValid` is 0 after reset until a valid input has travelled through the pipeline.{note}",
            f"Implement a type-parameterized pipeline register chain of depth {n}: every stage holds a valid flag "
            f"(reset to false) and a payload of type `gen` = {gen}.{note}",
        ]

    def _source(self, params: dict[str, Any], body: str) -> str:
        io = io_block(self.ports(params), params["io_style"], {"inBits": "gen", "outBits": "gen"})
        return module_source(params["module_name"], io, body, ctor="[T <: Data](gen: T, stages: Int)")

    def _fold(self, params: dict[str, Any], depth: str, valid_init: str = "false.B") -> str:
        p = io_ref(params["io_style"])
        return (f"  val (validOut, bitsOut) = (0 until {depth}).foldLeft(({p}inValid, {p}inBits)) {{ case ((v, b), _) =>\n"
                f"    (RegNext(v, {valid_init}), RegEnable(b, v))\n  }}\n"
                f"  {p}outValid := validOut\n  {p}outBits := bitsOut\n")

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p = io_ref(params["io_style"])
        util = (f"  val piped = Pipe({p}inValid, {p}inBits, stages)\n"
                f"  {p}outValid := piped.valid\n  {p}outBits := piped.bits\n")
        shift = (f"  {p}outValid := ShiftRegister({p}inValid, stages, false.B, true.B)\n"
                 f"  {p}outBits := ShiftRegister({p}inBits, stages)\n")
        return {"fold_regs": self._source(params, self._fold(params, "stages")), "pipe_util": self._source(params, util),
                "shift_register": self._source(params, shift)}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        p = io_ref(params["io_style"])
        short = self._fold(params, "stages - 1") if params["stages"] > 1 else \
            f"  {p}outValid := {p}inValid\n  {p}outBits := {p}inBits\n"
        return [self._source(params, short), self._source(params, self._fold(params, "stages + 1"))]

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        n = params["stages"]
        valid: list[int | None] = [None] * n
        bits: list[int | None] = [None] * n

        def step(row: Row) -> Row:
            out = {"outValid": valid[-1], "outBits": bits[-1] if valid[-1] else None}
            if row["reset"]:
                valid[:] = [0] * n
            else:
                valid[:] = [row["inValid"]] + valid[:-1]
            bits[:] = [row["inBits"] if row["inValid"] else None] + bits[:-1]
            return out

        rows = random_rows(self.ports(params), rng, 220, bias={"inValid": 0.6})
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
