"""L3: a moving-window sum of the last N accepted samples (a register window plus an adder)."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, io_block, io_ref, module_source, pick_name, random_rows, width_of,
)
from chisellm.hdl.vectors import Vectors

NAMES = ("MovingSum", "WindowSum", "SlidingWindowAdder", "BoxcarSum")


@register
class MovingSumFamily(Family):
    name = "moving_sum"
    level = "L3"
    features = ("RegInit", "Vec", "RegEnable", "Seq.iterate", "reduce", "+&")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "window": rng.choice([2, 3, 4]), "width": rng.choice([4, 8])}

    def _sum_width(self, params: dict[str, Any]) -> int:
        return params["width"] + width_of(params["window"])

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        return [PortSpec("sample", "input", params["width"], doc="new sample"),
                PortSpec("valid", "input", 1, kind="Bool", doc="shift `sample` into the window"),
                PortSpec("total", "output", self._sum_width(params), doc="sum of the window")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        n, w, sw = params["window"], params["width"], self._sum_width(params)
        return [
            f"A moving sum over the last {n} accepted samples. Keep {n} registers of {w} bits (all reset "
            f"synchronously to 0) forming a window; on a rising edge with `valid` = 1 the window shifts and "
            f"`sample` enters it. `total` ({sw} bits, no overflow) is the combinational sum of the {n} registers, "
            f"so a sample counts from the cycle after it is accepted.",
            f"Implement a boxcar (sliding-window) adder of length {n}: `total` = sum of the {n} most recently "
            f"accepted `sample` values (accepted = `valid` high at the clock edge). The window registers start at 0 "
            f"after reset and hold when `valid` is low. The sum is computed without truncation.",
            f"Sum of the last {n} valid inputs: shift `sample` into an {n}-deep register window when `valid`; output "
            f"`total` is the full-width ({sw}-bit) sum of the window contents (registers only, not the live input).",
        ]

    def _source(self, params: dict[str, Any], body: str) -> str:
        return module_source(params["module_name"], io_block(self.ports(params), params["io_style"]), body)

    def _vec(self, params: dict[str, Any], depth: int) -> str:
        p, w = io_ref(params["io_style"]), params["width"]
        return (f"  val window = RegInit(VecInit(Seq.fill({depth})(0.U({w}.W))))\n"
                f"  when({p}valid) {{\n    window(0) := {p}sample\n"
                f"    for (i <- 1 until {depth}) {{\n      window(i) := window(i - 1)\n    }}\n  }}\n"
                f"  {p}total := window.reduce(_ +& _)\n")

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p, n, w = io_ref(params["io_style"]), params["window"], params["width"]
        taps = (f"  val taps = Seq.iterate(RegEnable({p}sample, 0.U({w}.W), {p}valid), {n}) {{ prev =>\n"
                f"    RegEnable(prev, 0.U({w}.W), {p}valid)\n  }}\n"
                f"  {p}total := taps.foldLeft(0.U({self._sum_width(params)}.W))(_ + _)\n")
        return {"vec_reduce": self._source(params, self._vec(params, n)), "regenable_chain": self._source(params, taps)}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        p, n, w = io_ref(params["io_style"]), params["window"], params["width"]
        with_live = (f"  val window = RegInit(VecInit(Seq.fill({n - 1})(0.U({w}.W))))\n"
                     f"  when({p}valid) {{\n    window(0) := {p}sample\n"
                     f"    for (i <- 1 until {n - 1}) {{\n      window(i) := window(i - 1)\n    }}\n  }}\n"
                     f"  {p}total := window.reduce(_ +& _) +& {p}sample\n")
        return [self._source(params, self._vec(params, n + 1)), self._source(params, with_live)]

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        n = params["window"]
        window: list[int | None] = [None] * n

        def step(row: Row) -> Row:
            out = {"total": None if None in window else sum(window)}
            if row["reset"]:
                window[:] = [0] * n
            elif row["valid"]:
                window[:] = [row["sample"]] + window[:-1]
            return out

        rows = random_rows(self.ports(params), rng, 240, bias={"valid": 0.7})
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
