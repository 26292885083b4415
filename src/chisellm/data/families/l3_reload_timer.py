"""L3: a down-counting timer with automatic reload from a stored period."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Fact, Family, PortSpec, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, io_block, io_ref, module_source, pick_name,
)
from chisellm.hdl.vectors import Vectors

RESET_FACT = "the reload value and the count both reset to 0"
PRIORITY_FACT = "`load` has priority over the reload at zero"
NAMES = ("ReloadTimer", "AutoReloadTimer", "CountdownTimer", "PeriodicTimer")


@register
class ReloadTimerFamily(Family):
    name = "reload_timer"
    level = "L3"
    features = ("RegInit", "when", "down counter")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "width": rng.choice([3, 4, 5, 8])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w = params["width"]
        return [PortSpec("load", "input", 1, kind="Bool", doc="store `period` and restart"),
                PortSpec("period", "input", w, doc="new reload value"),
                PortSpec("count", "output", w, doc="current timer value"),
                PortSpec("expired", "output", 1, kind="Bool", doc="timer is at zero")]

    def facts(self, params: dict[str, Any]) -> tuple[Fact, ...]:
        return (Fact("reset", RESET_FACT), Fact("priority", PRIORITY_FACT))

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w = params["width"]
        return [
            f"A {w}-bit auto-reload down-counter. It has two registers, the reload value and the count; on the "
            f"synchronous reset {RESET_FACT}. At a rising edge: if `load` is 1, both the reload value and the "
            f"count take `period`; otherwise, if the count is 0 it is reloaded from the stored reload value, else "
            f"it decrements by 1 ({PRIORITY_FACT}). `count` is the count register and `expired` is "
            f"combinationally 1 when it is 0.",
            f"Implement a periodic countdown timer: `load` latches `period` into an internal reload register and "
            f"into the counter. Each other cycle the counter decreases by one; after reaching 0 it restarts from "
            f"the latched reload value (not from the live `period` input), and {PRIORITY_FACT}. On reset "
            f"{RESET_FACT}. Outputs: `count` (registered) and `expired` = (`count` == 0).",
            f"Down-counter with automatic reload ({w} bits): priority is load > (reload when zero) > decrement, so "
            f"{PRIORITY_FACT}. The stored period only changes on `load`; on reset {RESET_FACT}. `expired` flags "
            f"the cycles where `count` is zero.",
        ]

    def _source(self, params: dict[str, Any], body: str) -> str:
        return module_source(params["module_name"], io_block(self.ports(params), params["io_style"]), body, util=False)

    def _when(self, params: dict[str, Any], reload_from: str = "reloadValue", flag: str = "0.U") -> str:
        p, w = io_ref(params["io_style"]), params["width"]
        src = f"{p}period" if reload_from == "period" else "reloadValue"
        return (f"  val reloadValue = RegInit(0.U({w}.W))\n  val cnt = RegInit(0.U({w}.W))\n"
                f"  when({p}load) {{\n    reloadValue := {p}period\n    cnt := {p}period\n"
                f"  }}.elsewhen(cnt === 0.U) {{\n    cnt := {src}\n  }}.otherwise {{\n    cnt := cnt - 1.U\n  }}\n"
                f"  {p}count := cnt\n  {p}expired := cnt === {flag}\n")

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p, w = io_ref(params["io_style"]), params["width"]
        mux = (f"  val reloadValue = RegInit(0.U({w}.W))\n  val cnt = RegInit(0.U({w}.W))\n"
               f"  val atZero = cnt === 0.U\n"
               f"  reloadValue := Mux({p}load, {p}period, reloadValue)\n"
               f"  cnt := Mux({p}load, {p}period, Mux(atZero, reloadValue, cnt - 1.U))\n"
               f"  {p}count := cnt\n  {p}expired := atZero\n")
        return {"when_chain": self._source(params, self._when(params)), "mux_next_state": self._source(params, mux)}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        return [self._source(params, self._when(params, reload_from="period")),
                self._source(params, self._when(params, flag="1.U"))]

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        w = params["width"]
        state: dict[str, int | None] = {"reload": None, "cnt": None}

        def step(row: Row) -> Row:
            cnt = state["cnt"]
            out = {"count": cnt, "expired": None if cnt is None else int(cnt == 0)}
            if row["reset"]:
                state.update(reload=0, cnt=0)
            elif row["load"]:
                state.update(reload=row["period"], cnt=row["period"])
            elif cnt is not None:
                state["cnt"] = state["reload"] if cnt == 0 else cnt - 1
            return out

        rows = []
        for i in range(260):  # loads are rare so that whole periods (and reloads) play out
            load = int(rng.random() < 0.06 or i == 3)
            rows.append({"reset": int(i == 0 or i == 200), "load": load,
                         "period": rng.randrange(min(1 << w, 12))})
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
