"""L3: a Moore traffic-light FSM (ChiselEnum + switch, or UInt states + MuxLookup) with per-state durations."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, io_block, io_ref, module_source, pick_name, random_rows, width_of,
)
from chisellm.hdl.vectors import Vectors

NAMES = ("TrafficLight", "TrafficLightController", "SignalController", "IntersectionLight")
ORDER = ("red", "green", "yellow")


@register
class TrafficLightFamily(Family):
    name = "traffic_light"
    level = "L3"
    features = ("ChiselEnum", "switch", "MuxLookup", "Moore FSM", "RegInit")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "red": rng.randint(2, 5), "green": rng.randint(2, 6), "yellow": rng.randint(1, 3)}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        return [PortSpec("advance", "input", 1, kind="Bool", doc="timer runs while high"),
                PortSpec("red", "output", 1, kind="Bool", doc="red lamp"),
                PortSpec("yellow", "output", 1, kind="Bool", doc="yellow lamp"),
                PortSpec("green", "output", 1, kind="Bool", doc="green lamp")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        r, g, y = params["red"], params["green"], params["yellow"]
        return [
            f"A Moore traffic-light controller with states Red, Green, Yellow visited in the order Red -> Green -> "
            f"Yellow -> Red. Reset (synchronous) enters Red with a cycle timer of 0. In each cycle where `advance` "
            f"is 1 the timer counts; a state lasts Red {r}, Green {g}, Yellow {y} advancing cycles: when the timer "
            f"equals the duration minus 1 and `advance` is 1, the FSM moves to the next state and the timer "
            f"restarts at 0. Outputs depend only on the state: exactly one of `red`, `yellow`, `green` is 1.",
            f"Traffic light FSM: Red for {r}, then Green for {g}, then Yellow for {y} counted cycles, repeating. "
            f"Only cycles with `advance` high count (otherwise state and timer hold). After reset the light is Red "
            f"and its first period starts. Lamps `red`/`yellow`/`green` are decoded from the current state.",
            f"Implement a three-state Moore machine (Red -> Green -> Yellow -> Red) with dwell times {r}/{g}/{y} "
            f"enabled cycles for Red/Green/Yellow. A timer register (reset 0) increments on `advance`; when it "
            f"reaches dwell-1 on an `advance` cycle the state changes and the timer clears. Reset state: Red.",
        ]

    def _source(self, params: dict[str, Any], body: str, preamble: str = "") -> str:
        return module_source(params["module_name"], io_block(self.ports(params), params["io_style"]), body,
                             preamble=preamble)

    def _enum(self, params: dict[str, Any], durations: dict[str, int], order: tuple[str, ...]) -> tuple[str, str]:
        p = io_ref(params["io_style"])
        tw = width_of(max(durations.values()))
        enum_name = f"{params['module_name']}State"
        preamble = f"object {enum_name} extends ChiselEnum {{\n  val sRed, sGreen, sYellow = Value\n}}\n"
        cases = ""
        for i, s in enumerate(order):
            nxt = order[(i + 1) % len(order)]
            cases += (f"      is({enum_name}.s{s.capitalize()}) {{\n"
                      f"        when(timer === {durations[s] - 1}.U) {{\n"
                      f"          state := {enum_name}.s{nxt.capitalize()}\n          timer := 0.U\n"
                      f"        }}.otherwise {{\n          timer := timer + 1.U\n        }}\n      }}\n")
        body = (f"  val state = RegInit({enum_name}.sRed)\n  val timer = RegInit(0.U({tw}.W))\n"
                f"  when({p}advance) {{\n    switch(state) {{\n{cases}    }}\n  }}\n"
                f"  {p}red := state === {enum_name}.sRed\n  {p}yellow := state === {enum_name}.sYellow\n"
                f"  {p}green := state === {enum_name}.sGreen\n")
        return preamble, body

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p = io_ref(params["io_style"])
        durations = {s: params[s] for s in ORDER}
        preamble, body = self._enum(params, durations, ORDER)
        tw = width_of(max(durations.values()))
        lookup = (f"  val sRed = 0.U(2.W)\n  val sGreen = 1.U(2.W)\n  val sYellow = 2.U(2.W)\n"
                  f"  val state = RegInit(sRed)\n  val timer = RegInit(0.U({tw}.W))\n"
                  f"  val lastCycle = MuxLookup(state, 0.U)(Seq(\n"
                  f"    sRed -> {durations['red'] - 1}.U,\n    sGreen -> {durations['green'] - 1}.U,\n"
                  f"    sYellow -> {durations['yellow'] - 1}.U\n  ))\n"
                  f"  val nextState = MuxLookup(state, sRed)(Seq(sRed -> sGreen, sGreen -> sYellow, sYellow -> sRed))\n"
                  f"  when({p}advance) {{\n    when(timer === lastCycle) {{\n      state := nextState\n"
                  f"      timer := 0.U\n    }}.otherwise {{\n      timer := timer + 1.U\n    }}\n  }}\n"
                  f"  {p}red := state === sRed\n  {p}yellow := state === sYellow\n  {p}green := state === sGreen\n")
        return {"chiselenum_switch": self._source(params, body, preamble),
                "uint_states_muxlookup": self._source(params, lookup)}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        durations = {s: params[s] for s in ORDER}
        longer = dict(durations, green=durations["green"] + 1)
        mutants = [self._source(params, *reversed(self._enum(params, longer, ORDER)))]
        mutants.append(self._source(params, *reversed(self._enum(params, durations, ("red", "yellow", "green")))))
        return mutants

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        state: dict[str, Any] = {"light": None, "timer": None}

        def step(row: Row) -> Row:
            light = state["light"]
            out = {s: (None if light is None else int(light == s)) for s in ORDER}
            if row["reset"]:
                state.update(light="red", timer=0)
            elif row["advance"] and light is not None:
                if state["timer"] == params[light] - 1:
                    state.update(light=ORDER[(ORDER.index(light) + 1) % 3], timer=0)
                else:
                    state["timer"] += 1
            return out

        rows = random_rows(self.ports(params), rng, 240, bias={"advance": 0.8})
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
