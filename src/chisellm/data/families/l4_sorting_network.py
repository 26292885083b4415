"""L4: a combinational sorting-network generator (odd-even transposition) over a Vec."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, generator_note, io_block, io_ref, module_source, pick_name, random_rows,
)
from chisellm.hdl.vectors import Vectors

NAMES = ("SortingNetwork", "VecSorter", "OddEvenSorter", "CompareExchangeSorter")


@register
class SortingNetworkFamily(Family):
    name = "sorting_network"
    level = "L4"
    features = ("Vec", "foldLeft", "compare-exchange", "Scala collections", "default parameters")
    clocked = True

    def stateful(self, params: dict[str, Any]) -> bool:
        return False  # a `Module` (the vectors drive reset) with combinational outputs

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "n": rng.choice([3, 4, 5, 6]), "width": rng.choice([3, 4, 8]),
                "ascending": rng.random() < 0.6, "defaults": rng.random() < 0.3}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        n, w = params["n"], params["width"]
        return [PortSpec("in", "input", w, kind="Vec", count=n, doc="values to sort"),
                PortSpec("out", "output", w, kind="Vec", count=n, doc="the same values, sorted")]

    def _signature(self, params: dict[str, Any]) -> str:
        if params["defaults"]:
            return f"(n: Int = {params['n']}, width: Int = {params['width']})"
        return "(n: Int, width: Int)"

    def top_args(self, params: dict[str, Any]) -> str:
        return "" if params["defaults"] else f"{params['n']}, {params['width']}"

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        n, w = params["n"], params["width"]
        order = "ascending (out(0) is the smallest)" if params["ascending"] else "descending (out(0) is the largest)"
        note = generator_note(params["module_name"], self._signature(params), self.top_args(params))
        return [
            f"Sort the Vec input `in` ({n} unsigned {w}-bit values) into the Vec output `out` in {order} order, "
            f"combinationally. Build it as a sorting network: n rounds of compare-exchange on neighbouring pairs, "
            f"even pairs (0,1),(2,3),... in even rounds and odd pairs (1,2),(3,4),... in odd rounds.{note}",
            f"A parameterized combinational sorter for n = {n} elements of width {w}: `out` holds the elements of "
            f"`in` sorted in {order} order (duplicates kept).{note}",
            f"Generator for an odd-even transposition sorting network: compare-and-swap stages produce `out` = "
            f"`in` sorted {order}. Unsigned comparison, no registers.{note}",
        ]

    def _source(self, params: dict[str, Any], body: str) -> str:
        io = io_block(self.ports(params), params["io_style"], {"in": "Vec(n, UInt(width.W))", "out": "Vec(n, UInt(width.W))"})
        return module_source(params["module_name"], io, body, ctor=self._signature(params), util=False)

    def _fold(self, params: dict[str, Any], ascending: bool, rounds: str = "n") -> str:
        p = io_ref(params["io_style"])
        op = ">" if ascending else "<"
        return (f"  val sorted = (0 until {rounds}).foldLeft[Seq[UInt]]({p}in) {{ (xs, round) =>\n"
                f"    xs.indices.map {{ i =>\n"
                f"      val leftOfPair = i % 2 == round % 2 && i + 1 < n\n"
                f"      val rightOfPair = i % 2 != round % 2 && i >= 1\n"
                f"      if (leftOfPair) Mux(xs(i) {op} xs(i + 1), xs(i + 1), xs(i))\n"
                f"      else if (rightOfPair) Mux(xs(i - 1) {op} xs(i), xs(i - 1), xs(i))\n"
                f"      else xs(i)\n    }}\n  }}\n"
                f"  {p}out := VecInit(sorted)\n")

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p = io_ref(params["io_style"])
        op = ">" if params["ascending"] else "<"
        stages = (f"  // stage(r) holds the values after r rounds of compare-exchange\n"
                  f"  val stage = Seq.fill(n + 1)(Wire(Vec(n, UInt(width.W))))\n"
                  f"  stage(0) := {p}in\n"
                  f"  for (r <- 0 until n) {{\n    stage(r + 1) := stage(r)\n"
                  f"    for (i <- (r % 2) until n - 1 by 2) {{\n"
                  f"      when(stage(r)(i) {op} stage(r)(i + 1)) {{\n"
                  f"        stage(r + 1)(i) := stage(r)(i + 1)\n        stage(r + 1)(i + 1) := stage(r)(i)\n"
                  f"      }}\n    }}\n  }}\n"
                  f"  {p}out := stage(n)\n")
        return {"fold_rounds": self._source(params, self._fold(params, params["ascending"])),
                "wire_stages": self._source(params, stages)}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        return [self._source(params, self._fold(params, not params["ascending"])),
                self._source(params, self._fold(params, params["ascending"], rounds="n - 2"))]

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        def step(row: Row) -> Row:
            return {"out": sorted(row["in"], reverse=not params["ascending"])}

        rows = random_rows(self.ports(params), rng, 200, mid_reset_prob=0.0)
        for row in rows[1::4]:  # reverse-sorted inputs need every round
            row["in"] = sorted(row["in"], reverse=params["ascending"])
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
