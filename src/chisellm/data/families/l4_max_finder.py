"""L4: a comparator-tree generator returning the maximum of N inputs and the index of its first occurrence."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register, to_signed
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, generator_note, io_block, io_ref, log2_ceil, module_source, pick_name, random_rows,
)
from chisellm.hdl.vectors import Vectors

NAMES = ("MaxFinder", "ArgMaxTree", "MaximumSelector", "ComparatorTree")


@register
class MaxFinderFamily(Family):
    name = "max_finder"
    level = "L4"
    features = ("Vec", "zipWithIndex", "reduce", "recursion", "Mux", "SInt")
    clocked = True

    def stateful(self, params: dict[str, Any]) -> bool:
        return False  # a `Module` (the vectors drive reset) with combinational outputs

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "n": rng.choice([3, 4, 5, 6, 8]), "width": rng.choice([3, 4, 6]), "signed": rng.random() < 0.4}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        n, w, s = params["n"], params["width"], params["signed"]
        kind = "SInt" if s else "UInt"
        return [PortSpec("in", "input", w, signed=s, kind="Vec", count=n, doc="values to compare"),
                PortSpec("maxValue", "output", w, signed=s, kind=kind, doc="largest value"),
                PortSpec("maxIndex", "output", max(1, log2_ceil(n)), doc="lowest index holding it")]

    def top_args(self, params: dict[str, Any]) -> str:
        return f"{params['n']}, {params['width']}"

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        n, w = params["n"], params["width"]
        num = "signed (SInt)" if params["signed"] else "unsigned (UInt)"
        note = generator_note(params["module_name"], "(n: Int, width: Int)", self.top_args(params))
        iw = max(1, log2_ceil(n))
        return [
            f"Find the maximum of the Vec input `in` ({n} {num} values of {w} bits). `maxValue` is the largest "
            f"value and `maxIndex` ({iw} bits) the lowest index at which it occurs (ties go to the smaller index). "
            f"Purely combinational.{note}",
            f"An arg-max comparator tree for n = {n} {num} inputs of width {w}: outputs the maximum (`maxValue`) "
            f"and its position (`maxIndex`, log2Ceil(n) bits); when several inputs share the maximum, report the "
            f"first one.{note}",
            f"Generator: given `in: Vec(n, {'SInt' if params['signed'] else 'UInt'}(width.W))`, drive `maxValue` "
            f"with the greatest element and `maxIndex` with the smallest index of that element, using {num} "
            f"comparison and no registers. n = {n}, width = {w}.{note}",
        ]

    def _source(self, params: dict[str, Any], body: str) -> str:
        t = "SInt" if params["signed"] else "UInt"
        io = io_block(self.ports(params), params["io_style"],
                      {"in": f"Vec(n, {t}(width.W))", "maxValue": f"{t}(width.W)", "maxIndex": "UInt(log2Ceil(n).max(1).W)"})
        return module_source(params["module_name"], io, body, ctor="(n: Int, width: Int)")

    def _linear(self, params: dict[str, Any], op: str = ">", as_uint: bool = False) -> str:
        p = io_ref(params["io_style"])
        lhs, rhs = ("b._1.asUInt", "a._1.asUInt") if as_uint else ("b._1", "a._1")
        t = "SInt" if params["signed"] else "UInt"
        return (f"  val indexWidth = log2Ceil(n).max(1)\n"
                f"  val candidates = {p}in.zipWithIndex.map {{ case (v, i) => (v, i.U(indexWidth.W)) }}\n"
                f"  val best = candidates.reduce {{ (a: ({t}, UInt), b: ({t}, UInt)) =>\n"
                f"    val takeB = {lhs} {op} {rhs}\n"
                f"    (Mux(takeB, b._1, a._1), Mux(takeB, b._2, a._2))\n  }}\n"
                f"  {p}maxValue := best._1\n  {p}maxIndex := best._2\n")

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p = io_ref(params["io_style"])
        t = "SInt" if params["signed"] else "UInt"
        tree = (f"  val indexWidth = log2Ceil(n).max(1)\n"
                f"  def best(xs: Seq[({t}, UInt)]): ({t}, UInt) = {{\n"
                f"    if (xs.size == 1) xs.head\n    else {{\n"
                f"      val (left, right) = xs.splitAt(xs.size / 2)\n"
                f"      val (a, b) = (best(left), best(right))\n"
                f"      val takeRight = b._1 > a._1\n"
                f"      (Mux(takeRight, b._1, a._1), Mux(takeRight, b._2, a._2))\n    }}\n  }}\n"
                f"  val (value, index) = best({p}in.zipWithIndex.map {{ case (v, i) => (v, i.U(indexWidth.W)) }})\n"
                f"  {p}maxValue := value\n  {p}maxIndex := index\n")
        return {"linear_reduce": self._source(params, self._linear(params)), "recursive_tree": self._source(params, tree)}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        mutants = [self._source(params, self._linear(params, ">=")), self._source(params, self._linear(params, "<"))]
        if params["signed"]:
            mutants.append(self._source(params, self._linear(params, ">", as_uint=True)))
        return mutants

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        def step(row: Row) -> Row:
            values = row["in"]
            best = max(values)
            return {"maxValue": best, "maxIndex": values.index(best)}

        rows = random_rows(self.ports(params), rng, 220, mid_reset_prob=0.0)
        w, s = params["width"], params["signed"]
        for row in rows[::3]:  # force ties for the maximum
            i, j = rng.sample(range(params["n"]), 2)
            row["in"][j] = row["in"][i] = max(row["in"])
        if s:
            for row in rows[1::5]:  # all negative: an unsigned compare picks the wrong one
                row["in"] = [to_signed(rng.randrange(1 << (w - 1)) | (1 << (w - 1)), w) for _ in row["in"]]
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
