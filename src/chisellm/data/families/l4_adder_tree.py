"""L4: an N-input adder generator over a Vec (reduceTree / foldLeft), widths from parameters."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, generator_note, io_block, io_ref, log2_ceil, module_source, pick_name, random_rows,
)
from chisellm.hdl.vectors import Vectors

NAMES = ("AdderTree", "VecSum", "MultiOperandAdder", "ReductionAdder")


@register
class AdderTreeFamily(Family):
    name = "adder_tree"
    level = "L4"
    features = ("Vec", "reduceTree", "foldLeft", "log2Ceil", "parameterized width", "default parameters")
    clocked = True  # a Module: vectors drive reset, the sum itself is combinational

    def stateful(self, params: dict[str, Any]) -> bool:
        return False  # a `Module` (the vectors drive reset) with combinational outputs

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "n": rng.choice([3, 4, 5, 6, 8]), "width": rng.choice([4, 6, 8]), "defaults": rng.random() < 0.3}

    def _sum_width(self, params: dict[str, Any]) -> int:
        return params["width"] + log2_ceil(params["n"])

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        return [PortSpec("in", "input", params["width"], kind="Vec", count=params["n"], doc="operands"),
                PortSpec("sum", "output", self._sum_width(params), doc="sum of all operands, no overflow")]

    def _signature(self, params: dict[str, Any]) -> str:
        if params["defaults"]:
            return f"(n: Int = {params['n']}, width: Int = {params['width']})"
        return "(n: Int, width: Int)"

    def top_args(self, params: dict[str, Any]) -> str:
        return "" if params["defaults"] else f"{params['n']}, {params['width']}"

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        n, w, sw = params["n"], params["width"], self._sum_width(params)
        note = generator_note(params["module_name"], self._signature(params), self.top_args(params))
        return [
            f"Add `n` = {n} unsigned operands of `width` = {w} bits, given as the Vec input `in`. The output "
            f"`sum` is width + log2Ceil(n) = {sw} bits wide and never overflows. The sum is combinational.{note}",
            f"A parameterized multi-operand adder: `in` is a Vec of n UInt(width) values and `sum` (UInt of "
            f"width + log2Ceil(n) bits) is their full-precision total, computed without registers. Use n = {n}, "
            f"width = {w}.{note}",
            f"Generator for an adder tree summing all elements of `in` ({n} x {w}-bit) into `sum` ({sw} bits); "
            f"keep the carries (no truncation).{note}",
        ]

    def _source(self, params: dict[str, Any], body: str) -> str:
        sw = "width + log2Ceil(n)"
        io = io_block(self.ports(params), params["io_style"], {"in": "Vec(n, UInt(width.W))", "sum": f"UInt(({sw}).W)"})
        return module_source(params["module_name"], io, body, ctor=self._signature(params))

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p = io_ref(params["io_style"])
        tree = f"  {p}sum := {p}in.reduceTree(_ +& _)\n"
        fold = (f"  val sumWidth = width + log2Ceil(n)\n"
                f"  {p}sum := {p}in.foldLeft(0.U(sumWidth.W))((acc, x) => acc + x)\n")
        padded = (f"  val sumWidth = width + log2Ceil(n)\n"
                  f"  {p}sum := {p}in.map(_.pad(sumWidth)).reduce(_ + _)\n")
        return {"reduce_tree": self._source(params, tree), "fold_left": self._source(params, fold),
                "pad_reduce": self._source(params, padded)}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        p = io_ref(params["io_style"])
        truncating = f"  {p}sum := {p}in.reduce(_ + _)\n"
        drops_last = (f"  val sumWidth = width + log2Ceil(n)\n"
                      f"  {p}sum := {p}in.init.foldLeft(0.U(sumWidth.W))((acc, x) => acc + x)\n")
        return [self._source(params, truncating), self._source(params, drops_last)]

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        def step(row: Row) -> Row:
            return {"sum": sum(row["in"])}

        rows = random_rows(self.ports(params), rng, 200, mid_reset_prob=0.0)
        top = (1 << params["width"]) - 1
        for row in rows[1:20]:  # all-max operands: the widest possible sum
            row["in"] = [top] * params["n"]
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
