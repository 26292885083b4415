"""L3: a clock-enable divider: a one-cycle tick every N cycles and a square wave toggling on each tick."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, io_block, io_ref, module_source, pick_name, random_rows,
)
from chisellm.hdl.vectors import Vectors

NAMES = ("TickGenerator", "ClockEnableDivider", "PulseDivider", "StrobeGenerator")


@register
class TickDividerFamily(Family):
    name = "tick_divider"
    level = "L3"
    features = ("Counter", "RegInit", "when")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "divide": rng.choice([3, 4, 5, 6, 8, 10, 12])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        return [PortSpec("run", "input", 1, kind="Bool", doc="divider runs while high"),
                PortSpec("tick", "output", 1, kind="Bool", doc="one-cycle clock-enable pulse"),
                PortSpec("square", "output", 1, kind="Bool", doc="toggles on every tick")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        n = params["divide"]
        return [
            f"A clock-enable divider by {n}. A counter (reset 0) counts cycles in which `run` is 1, from 0 to "
            f"{n - 1} and back to 0. `tick` is combinational: 1 when `run` is 1 and the counter is {n - 1}. "
            f"`square` is a register (reset 0) that inverts at every clock edge where `tick` is 1.",
            f"Generate a strobe: while `run` is high, `tick` is high for one cycle out of every {n} (the {n}th "
            f"enabled cycle after reset, then every {n} enabled cycles); when `run` is low the count pauses and "
            f"`tick` is 0. Also output `square`, a registered toggle flip-flop (reset 0) flipped by each tick, "
            f"i.e. the clock divided by {2 * n}.",
            f"Implement a divide-by-{n} pulse generator with pause input `run`: modulo-{n} counter with enable, "
            f"`tick` = `run` && (count == {n - 1}) (not registered), and `square` toggling on every tick "
            f"(registered, starts at 0). Synchronous reset clears both registers.",
        ]

    def _source(self, params: dict[str, Any], body: str) -> str:
        return module_source(params["module_name"], io_block(self.ports(params), params["io_style"]), body)

    def _manual(self, params: dict[str, Any], last: int) -> str:
        p = io_ref(params["io_style"])
        return (f"  val count = RegInit(0.U(log2Ceil({last + 1}).W))\n"
                f"  val hit = {p}run && count === {last}.U\n"
                f"  when({p}run) {{\n    count := Mux(count === {last}.U, 0.U, count + 1.U)\n  }}\n"
                f"  val level = RegInit(false.B)\n  when(hit) {{\n    level := !level\n  }}\n"
                f"  {p}tick := hit\n  {p}square := level\n")

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p, n = io_ref(params["io_style"]), params["divide"]
        util = (f"  val (_, hit) = Counter({p}run, {n})\n"
                f"  val level = RegInit(false.B)\n  level := level ^ hit\n"
                f"  {p}tick := hit\n  {p}square := level\n")
        return {"counter_util": self._source(params, util), "manual_counter": self._source(params, self._manual(params, n - 1))}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        p, n = io_ref(params["io_style"]), params["divide"]
        no_pause = (f"  val (_, hit) = Counter(true.B, {n})\n"
                    f"  val level = RegInit(false.B)\n  level := level ^ hit\n"
                    f"  {p}tick := hit\n  {p}square := level\n")
        return [self._source(params, self._manual(params, n)), self._source(params, no_pause)]

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        n = params["divide"]
        state: dict[str, int | None] = {"count": None, "square": None}

        def step(row: Row) -> Row:
            count = state["count"]
            tick = None if count is None else int(bool(row["run"]) and count == n - 1)
            out = {"tick": tick, "square": state["square"]}
            if row["reset"]:
                state.update(count=0, square=0)
            elif count is not None:
                if tick:
                    state["square"] ^= 1
                if row["run"]:
                    state["count"] = 0 if count == n - 1 else count + 1
            return out

        rows = random_rows(self.ports(params), rng, 250, bias={"run": 0.85})
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
