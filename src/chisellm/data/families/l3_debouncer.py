"""L3: a debouncer whose output follows the input only after it has differed for N consecutive cycles."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, io_block, io_ref, module_source, pick_name, width_of,
)
from chisellm.hdl.vectors import Vectors

NAMES = ("Debouncer", "ButtonDebounce", "GlitchFilter", "InputDebouncer")


@register
class DebouncerFamily(Family):
    name = "debouncer"
    level = "L3"
    features = ("RegInit", "when", "counter")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "stable": rng.choice([2, 3, 4, 5, 6])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        return [PortSpec("noisy", "input", 1, kind="Bool", doc="raw input"),
                PortSpec("clean", "output", 1, kind="Bool", doc="debounced output")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        n = params["stable"]
        return [
            f"Debounce `noisy`. `clean` is a register (synchronous reset to 0). A counter (reset 0) counts "
            f"consecutive cycles in which `noisy` differs from `clean`; any cycle where they are equal clears the "
            f"counter. On the rising edge that ends the {n}th consecutive differing cycle, `clean` takes the "
            f"value of `noisy` and the counter returns to 0.",
            f"A glitch filter: the output `clean` (reset 0) only changes to the input's value after the input "
            f"has disagreed with it for {n} clock cycles in a row; shorter pulses are ignored. Use a counter of "
            f"disagreeing cycles that restarts at 0 whenever input and output agree, and that is also cleared "
            f"when the output flips.",
            f"Implement a {n}-cycle debouncer: each cycle, if `noisy` == `clean` the stability counter is reset "
            f"to 0; else if the counter equals {n - 1}, `clean` := `noisy` and the counter is reset; else the "
            f"counter increments. Both registers reset to 0; `clean` is the register output.",
        ]

    def _body(self, params: dict[str, Any], threshold: int, restart: bool = True) -> str:
        p, n = io_ref(params["io_style"]), params["stable"]
        cw = width_of(n + 1)
        same = "    count := 0.U\n" if restart else ""
        return (f"  val state = RegInit(false.B)\n  val count = RegInit(0.U({cw}.W))\n"
                f"  when({p}noisy === state) {{\n{same}  }}.elsewhen(count === {threshold - 1}.U) {{\n"
                f"    state := {p}noisy\n    count := 0.U\n  }}.otherwise {{\n    count := count + 1.U\n  }}\n"
                f"  {p}clean := state\n")

    def _source(self, params: dict[str, Any], body: str) -> str:
        return module_source(params["module_name"], io_block(self.ports(params), params["io_style"]), body)

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p, n = io_ref(params["io_style"]), params["stable"]
        cw = width_of(n + 1)
        mux = (f"  val state = RegInit(false.B)\n  val count = RegInit(0.U({cw}.W))\n"
               f"  val differs = {p}noisy =/= state\n"
               f"  val settled = differs && count === ({n - 1}).U\n"
               f"  count := Mux(differs && !settled, count + 1.U, 0.U)\n"
               f"  state := Mux(settled, {p}noisy, state)\n"
               f"  {p}clean := state\n")
        return {"when_chain": self._source(params, self._body(params, n)), "mux_signals": self._source(params, mux)}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        n = params["stable"]
        return [self._source(params, self._body(params, n + 1)),
                self._source(params, self._body(params, n, restart=False))]

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        n = params["stable"]
        state: dict[str, int | None] = {"clean": None, "count": None}

        def step(row: Row) -> Row:
            out = {"clean": state["clean"]}
            if row["reset"]:
                state.update(clean=0, count=0)
            elif state["clean"] is not None:
                if row["noisy"] == state["clean"]:
                    state["count"] = 0
                elif state["count"] == n - 1:
                    state.update(clean=row["noisy"], count=0)
                else:
                    state["count"] += 1
            return out

        rows: list[Row] = []
        level = 0
        while len(rows) < 260:  # runs of random length: some shorter than N (glitches), some longer
            level ^= 1
            for _ in range(rng.randint(1, 2 * n + 2)):
                rows.append({"reset": 0, "noisy": level})
        rows = rows[:260]
        rows[0]["reset"] = 1
        rows[150]["reset"] = 1
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
