"""L4: a pipelined adder tree generator: one register level per tree level, latency log2Ceil(n)."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, generator_note, io_block, io_ref, log2_ceil, module_source, pick_name, random_rows,
)
from chisellm.hdl.vectors import Vectors

NAMES = ("PipelinedAdderTree", "RegisteredSumTree", "PipelinedReducer")


@register
class PipelinedAdderTreeFamily(Family):
    name = "pipelined_adder_tree"
    level = "L4"
    features = ("recursion", "grouped", "RegNext", "pipelining", "log2Ceil", "Vec")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "n": rng.choice([2, 3, 4, 5, 8]), "width": rng.choice([4, 8])}

    def _latency(self, params: dict[str, Any]) -> int:
        return log2_ceil(params["n"])

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        n, w = params["n"], params["width"]
        return [PortSpec("in", "input", w, kind="Vec", count=n, doc="operands"),
                PortSpec("sum", "output", w + log2_ceil(n), doc="sum of the operands, log2Ceil(n) cycles later")]

    def top_args(self, params: dict[str, Any]) -> str:
        return f"{params['n']}, {params['width']}"

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        n, w, lat = params["n"], params["width"], self._latency(params)
        note = generator_note(params["module_name"], "(n: Int, width: Int)", self.top_args(params))
        tree = (f"The tree pairs neighbouring values level by level (an unpaired last value passes to the next "
                f"level alone); every level ends in registers that reset synchronously to 0, so the latency is "
                f"log2Ceil(n) = {lat} cycle{'s' if lat != 1 else ''} and `sum` is 0 for the first {lat} cycles "
                f"after a reset.")
        return [
            f"A pipelined adder tree over the Vec input `in` ({n} unsigned {w}-bit values). `sum` ({w + log2_ceil(n)} "
            f"bits, no overflow) equals the sum of the values `in` had {lat} cycles earlier. {tree}{note}",
            f"Generator for a registered reduction tree: n = {n}, width = {w}. {tree} Additions keep their carry "
            f"(width grows by one bit per level).{note}",
            f"Implement a fully pipelined multi-operand adder: one pipeline register stage per adder level, output "
            f"`sum` = total of `in` delayed by {lat} cycles. {tree}{note}",
        ]

    def _source(self, params: dict[str, Any], body: str) -> str:
        io = io_block(self.ports(params), params["io_style"],
                      {"in": "Vec(n, UInt(width.W))", "sum": "UInt((width + log2Ceil(n)).W)"})
        return module_source(params["module_name"], io, body, ctor="(n: Int, width: Int)")

    def _recursive(self, params: dict[str, Any], add: str = "+&", skip_last_register: bool = False) -> str:
        p = io_ref(params["io_style"])
        stop = "values.size <= 2" if skip_last_register else "values.size == 1"
        finish = ("values.reduce(_ +& _)" if skip_last_register else "values.head")
        return (f"  def reduceLevel(values: Seq[UInt]): UInt = {{\n"
                f"    if ({stop}) {finish}\n"
                f"    else {{\n"
                f"      val level = values.grouped(2).map {{ pair =>\n"
                f"        val sum = if (pair.size == 2) pair(0) {add} pair(1) else pair(0)\n"
                f"        RegNext(sum, 0.U)\n      }}.toSeq\n"
                f"      reduceLevel(level)\n    }}\n  }}\n"
                f"  {p}sum := reduceLevel({p}in)\n")

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p = io_ref(params["io_style"])
        loop = (f"  var level: Seq[UInt] = {p}in\n"
                f"  while (level.size > 1) {{\n"
                f"    level = level.grouped(2).toSeq.map {{\n"
                f"      case Seq(a, b) => RegNext(a +& b, 0.U)\n"
                f"      case Seq(a) => RegNext(a, 0.U)\n    }}\n  }}\n"
                f"  {p}sum := level.head\n")
        return {"recursive_levels": self._source(params, self._recursive(params)), "while_levels": self._source(params, loop)}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        return [self._source(params, self._recursive(params, add="+")),
                self._source(params, self._recursive(params, skip_last_register=True))]

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        lat = self._latency(params)
        pipe: list[int | None] = [None] * lat

        def step(row: Row) -> Row:
            if lat == 0:
                return {"sum": sum(row["in"])}
            out = {"sum": pipe[-1]}
            pipe[:] = [0] * lat if row["reset"] else [sum(row["in"])] + pipe[:-1]
            return out

        rows = random_rows(self.ports(params), rng, 220)
        top = (1 << params["width"]) - 1
        for row in rows[5:15]:  # all-max operands need every carry bit
            row["in"] = [top] * params["n"]
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
