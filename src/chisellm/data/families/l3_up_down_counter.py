"""L3: an up/down counter with a synchronous load that has priority over counting."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, mask, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, io_block, io_ref, module_source, pick_name, random_rows,
)
from chisellm.hdl.vectors import Vectors

NAMES = ("UpDownCounter", "LoadableCounter", "BidirectionalCounter", "ReversibleCounter")


@register
class UpDownCounterFamily(Family):
    name = "up_down_counter"
    level = "L3"
    features = ("RegInit", "when", "Mux")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "width": rng.choice([3, 4, 6, 8])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w = params["width"]
        return [PortSpec("load", "input", 1, kind="Bool", doc="load `value` into the counter"),
                PortSpec("value", "input", w, doc="value to load"),
                PortSpec("en", "input", 1, kind="Bool", doc="count enable"),
                PortSpec("up", "input", 1, kind="Bool", doc="1 counts up, 0 counts down"),
                PortSpec("count", "output", w, doc="current count")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w = params["width"]
        return [
            f"A {w}-bit up/down counter that resets synchronously to 0. At each rising edge: if `load` is 1 the "
            f"counter takes `value` (load wins over counting); else if `en` is 1 it adds 1 when `up` is 1 or "
            f"subtracts 1 when `up` is 0, wrapping around modulo 2^{w}; otherwise it holds. `count` is the "
            f"counter register.",
            f"Design a loadable bidirectional counter of width {w}. Priority: reset (to 0), then `load` (count := "
            f"`value`), then `en` (count up if `up`, down if not, with wrap-around from {(1 << w) - 1} to 0 and "
            f"from 0 to {(1 << w) - 1}). The output `count` is registered.",
            f"Counter with parallel load: `count` ({w} bits, reset 0) loads `value` whenever `load` is high, "
            f"regardless of `en`. Otherwise, when `en` is high it increments (`up`=1) or decrements (`up`=0) "
            f"with natural {w}-bit wrap-around.",
        ]

    def _source(self, params: dict[str, Any], body: str) -> str:
        return module_source(params["module_name"], io_block(self.ports(params), params["io_style"]), body, util=False)

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p, w = io_ref(params["io_style"]), params["width"]
        when = (f"  val cnt = RegInit(0.U({w}.W))\n"
                f"  when({p}load) {{\n    cnt := {p}value\n  }}.elsewhen({p}en) {{\n"
                f"    when({p}up) {{\n      cnt := cnt + 1.U\n    }}.otherwise {{\n      cnt := cnt - 1.U\n    }}\n  }}\n"
                f"  {p}count := cnt\n")
        mux = (f"  val cnt = RegInit(0.U({w}.W))\n"
               f"  val stepped = Mux({p}up, cnt + 1.U, cnt - 1.U)\n"
               f"  cnt := Mux({p}load, {p}value, Mux({p}en, stepped, cnt))\n"
               f"  {p}count := cnt\n")
        return {"when_chain": self._source(params, when), "mux_expression": self._source(params, mux)}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        p, w = io_ref(params["io_style"]), params["width"]
        enable_first = (f"  val cnt = RegInit(0.U({w}.W))\n"
                        f"  when({p}en) {{\n    cnt := Mux({p}up, cnt + 1.U, cnt - 1.U)\n  }}.elsewhen({p}load) {{\n"
                        f"    cnt := {p}value\n  }}\n  {p}count := cnt\n")
        swapped_direction = (f"  val cnt = RegInit(0.U({w}.W))\n"
                             f"  cnt := Mux({p}load, {p}value, Mux({p}en, Mux({p}up, cnt - 1.U, cnt + 1.U), cnt))\n"
                             f"  {p}count := cnt\n")
        return [self._source(params, enable_first), self._source(params, swapped_direction)]

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        w = params["width"]
        state: dict[str, int | None] = {"cnt": None}

        def step(row: Row) -> Row:
            out = {"count": state["cnt"]}
            if row["reset"]:
                state["cnt"] = 0
            elif row["load"]:
                state["cnt"] = row["value"]
            elif row["en"] and state["cnt"] is not None:
                state["cnt"] = mask(state["cnt"] + (1 if row["up"] else -1), w)
            return out

        rows = random_rows(self.ports(params), rng, 250, bias={"load": 0.12, "en": 0.75, "up": 0.6})
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
