"""L3: an up/down counter that saturates at 0 and at its maximum instead of wrapping."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, io_block, io_ref, module_source, pick_name, random_rows,
)
from chisellm.hdl.vectors import Vectors

NAMES = ("SaturatingCounter", "ClampedCounter", "CreditCounter", "BoundedCounter")


@register
class SaturatingCounterFamily(Family):
    name = "saturating_counter"
    level = "L3"
    features = ("RegInit", "when", "Mux")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        width = rng.choice([2, 3, 4])
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "width": width, "init": rng.choice([0, 1 << (width - 1)])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w = params["width"]
        return [PortSpec("inc", "input", 1, kind="Bool", doc="count up"),
                PortSpec("dec", "input", 1, kind="Bool", doc="count down"),
                PortSpec("count", "output", w, doc="current count")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w, init = params["width"], params["init"]
        top = (1 << w) - 1
        return [
            f"A {w}-bit saturating counter (synchronous reset value {init}). On a rising edge: if `inc` is 1 and "
            f"`dec` is 0 it increments unless it is already {top}; if `dec` is 1 and `inc` is 0 it decrements "
            f"unless it is already 0; if both or neither are 1 it holds. `count` is the register.",
            f"Design a counter that never wraps: it sticks at {top} when incremented at the top and at 0 when "
            f"decremented at the bottom. `inc` and `dec` asserted together cancel out. Width {w}, reset to {init}.",
            f"Implement a clamped up/down counter: `count` (reset {init}) moves up by one on `inc` alone, down "
            f"by one on `dec` alone, saturating at 0 and {top}; otherwise (both or none) it keeps its value.",
        ]

    def _source(self, params: dict[str, Any], body: str) -> str:
        return module_source(params["module_name"], io_block(self.ports(params), params["io_style"]), body, util=False)

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p, w, init = io_ref(params["io_style"]), params["width"], params["init"]
        top = (1 << w) - 1
        when = (f"  val cnt = RegInit({init}.U({w}.W))\n"
                f"  when({p}inc && !{p}dec && cnt =/= {top}.U) {{\n    cnt := cnt + 1.U\n"
                f"  }}.elsewhen({p}dec && !{p}inc && cnt =/= 0.U) {{\n    cnt := cnt - 1.U\n  }}\n"
                f"  {p}count := cnt\n")
        mux = (f"  val cnt = RegInit({init}.U({w}.W))\n"
               f"  val up = {p}inc && !{p}dec && !cnt.andR\n"
               f"  val down = {p}dec && !{p}inc && cnt.orR\n"
               f"  cnt := Mux(up, cnt + 1.U, Mux(down, cnt - 1.U, cnt))\n"
               f"  {p}count := cnt\n")
        return {"when_guarded": self._source(params, when), "mux_reductions": self._source(params, mux)}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        p, w, init = io_ref(params["io_style"]), params["width"], params["init"]
        wraps = (f"  val cnt = RegInit({init}.U({w}.W))\n"
                 f"  when({p}inc && !{p}dec) {{\n    cnt := cnt + 1.U\n"
                 f"  }}.elsewhen({p}dec && !{p}inc) {{\n    cnt := cnt - 1.U\n  }}\n  {p}count := cnt\n")
        inc_wins = (f"  val cnt = RegInit({init}.U({w}.W))\n"
                    f"  when({p}inc) {{\n    cnt := Mux(cnt.andR, cnt, cnt + 1.U)\n"
                    f"  }}.elsewhen({p}dec) {{\n    cnt := Mux(cnt.orR, cnt - 1.U, cnt)\n  }}\n  {p}count := cnt\n")
        return [self._source(params, wraps), self._source(params, inc_wins)]

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        top = (1 << params["width"]) - 1
        state: dict[str, int | None] = {"cnt": None}

        def step(row: Row) -> Row:
            out = {"count": state["cnt"]}
            cnt = state["cnt"]
            if row["reset"]:
                state["cnt"] = params["init"]
            elif cnt is not None and row["inc"] and not row["dec"]:
                state["cnt"] = min(top, cnt + 1)
            elif cnt is not None and row["dec"] and not row["inc"]:
                state["cnt"] = max(0, cnt - 1)
            return out

        rows = random_rows(self.ports(params), rng, 260)
        for i, row in enumerate(rows):  # long up and down phases drive the counter into both rails
            up_phase = (i // 40) % 2 == 0
            row["inc"] = int(rng.random() < (0.8 if up_phase else 0.25))
            row["dec"] = int(rng.random() < (0.2 if up_phase else 0.75))
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
