"""L3: a PWM generator: a free-running period counter compared against a duty-cycle input."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, io_block, io_ref, module_source, pick_name, width_of,
)
from chisellm.hdl.vectors import Vectors

NAMES = ("PwmGenerator", "PulseWidthModulator", "PwmOutput", "DutyCycleGenerator")


@register
class PwmFamily(Family):
    name = "pwm"
    level = "L3"
    features = ("Counter", "RegInit", "comparison")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "period": rng.choice([4, 5, 8, 10, 12, 16])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        n = params["period"]
        return [PortSpec("duty", "input", width_of(n + 1), doc=f"high cycles per period, 0 to {n}"),
                PortSpec("pwm", "output", 1, kind="Bool", doc="PWM output"),
                PortSpec("phase", "output", width_of(n), doc="current position in the period")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        n = params["period"]
        return [
            f"A PWM generator with a period of {n} cycles. A counter `phase` (synchronous reset to 0) counts "
            f"0, 1, ..., {n - 1}, 0, ... every cycle. `pwm` is combinational: 1 when `phase` < `duty`. So `duty` = 0 "
            f"gives a constant 0 and `duty` >= {n} a constant 1.",
            f"Pulse-width modulation: output `pwm` is high for the first `duty` cycles of every {n}-cycle period. "
            f"Expose the period counter as `phase` (register, resets to 0, wraps from {n - 1} to 0). The comparison "
            f"`phase` < `duty` is not registered.",
            f"Implement a PWM block: free-running modulo-{n} counter `phase` (reset 0); `pwm` = (`phase` < `duty`) "
            f"computed combinationally from the current counter value and the current `duty` input.",
        ]

    def _source(self, params: dict[str, Any], body: str) -> str:
        return module_source(params["module_name"], io_block(self.ports(params), params["io_style"]), body)

    def _manual(self, params: dict[str, Any], last: int, compare: str = "<") -> str:
        p, n = io_ref(params["io_style"]), params["period"]
        return (f"  val cnt = RegInit(0.U({width_of(n)}.W))\n"
                f"  cnt := Mux(cnt === {last}.U, 0.U, cnt + 1.U)\n"
                f"  {p}phase := cnt\n  {p}pwm := cnt {compare} {p}duty\n")

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p, n = io_ref(params["io_style"]), params["period"]
        util = (f"  val (cnt, _) = Counter(true.B, {n})\n"
                f"  {p}phase := cnt\n  {p}pwm := cnt < {p}duty\n")
        return {"counter_util": self._source(params, util), "manual_counter": self._source(params, self._manual(params, n - 1))}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        n = params["period"]
        mutants = [self._source(params, self._manual(params, n - 1, "<="))]
        if n < (1 << width_of(n)):  # the counter can physically reach n: an off-by-one period is visible
            mutants.append(self._source(params, self._manual(params, n)))
        return mutants

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        n = params["period"]
        state: dict[str, int | None] = {"cnt": None}

        def step(row: Row) -> Row:
            cnt = state["cnt"]
            out = {"phase": cnt, "pwm": None if cnt is None else int(cnt < row["duty"])}
            if row["reset"]:
                state["cnt"] = 0
            elif cnt is not None:
                state["cnt"] = 0 if cnt == n - 1 else cnt + 1
            return out

        rows: list[Row] = []
        duty = 0
        for i in range(260):  # hold each duty value for a few periods, with a few random jumps
            if i % (2 * n) == 0:
                duty = rng.randint(0, min(n + 1, (1 << width_of(n + 1)) - 1))
            rows.append({"reset": int(i == 0 or i == 190), "duty": duty if rng.random() < 0.9 else rng.randint(0, n)})
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
