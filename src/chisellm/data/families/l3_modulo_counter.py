"""L3: a modulo-N counter with enable and a wrap pulse (Counter util vs a hand-written register)."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, io_block, io_ref, module_source, pick_name, random_rows, width_of,
)
from chisellm.hdl.vectors import Vectors

NAMES = ("ModuloCounter", "WrapCounter", "ModCounter", "CyclicCounter")


@register
class ModuloCounterFamily(Family):
    name = "modulo_counter"
    level = "L3"
    features = ("Counter", "RegInit", "when")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "modulus": rng.choice([3, 5, 6, 7, 9, 10, 11, 12, 13])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        n = params["modulus"]
        return [PortSpec("en", "input", 1, kind="Bool", doc="count enable"),
                PortSpec("count", "output", width_of(n), doc=f"current count, 0 to {n - 1}"),
                PortSpec("wrap", "output", 1, kind="Bool", doc="high when this enabled cycle wraps to 0")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        n = params["modulus"]
        return [
            f"A modulo-{n} counter: `count` resets synchronously to 0 and, on each rising edge where `en` is 1, "
            f"goes to `count`+1, wrapping from {n - 1} back to 0. `wrap` is combinational: it is 1 exactly when "
            f"`en` is 1 and `count` is {n - 1} (the cycle that wraps).",
            f"Count 0, 1, ..., {n - 1}, 0, ... advancing only in cycles with `en` high (holding otherwise). Reset "
            f"(synchronous) clears the count. Output `wrap` = `en` AND (`count` == {n - 1}), not registered.",
            f"Implement a mod-{n} event counter with enable `en`. The registered value is `count` (reset 0); the "
            f"flag `wrap` signals, in the same cycle, that the enabled increment rolls the count over to zero.",
        ]

    def _source(self, params: dict[str, Any], body: str) -> str:
        return module_source(params["module_name"], io_block(self.ports(params), params["io_style"]), body)

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p, n = io_ref(params["io_style"]), params["modulus"]
        util = (f"  val (value, wrapped) = Counter({p}en, {n})\n"
                f"  {p}count := value\n  {p}wrap := wrapped\n")
        manual = (f"  val cnt = RegInit(0.U(log2Ceil({n}).W))\n"
                  f"  val atMax = cnt === ({n - 1}).U\n"
                  f"  when({p}en) {{\n    cnt := Mux(atMax, 0.U, cnt + 1.U)\n  }}\n"
                  f"  {p}count := cnt\n  {p}wrap := {p}en && atMax\n")
        return {"counter_util": self._source(params, util), "manual_register": self._source(params, manual)}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        p, n = io_ref(params["io_style"]), params["modulus"]
        off_by_one = (f"  val cnt = RegInit(0.U(log2Ceil({n + 1}).W))\n"
                      f"  val atMax = cnt === ({n}).U\n"
                      f"  when({p}en) {{\n    cnt := Mux(atMax, 0.U, cnt + 1.U)\n  }}\n"
                      f"  {p}count := cnt\n  {p}wrap := {p}en && atMax\n")
        ungated_wrap = (f"  val (value, wrapped) = Counter({p}en, {n})\n"
                        f"  {p}count := value\n  {p}wrap := value === ({n - 1}).U\n")
        return [self._source(params, off_by_one), self._source(params, ungated_wrap)]

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        n = params["modulus"]
        state: dict[str, int | None] = {"cnt": None}

        def step(row: Row) -> Row:
            cnt = state["cnt"]
            wrap = None if cnt is None else int(bool(row["en"]) and cnt == n - 1)
            if row["reset"]:
                state["cnt"] = 0
            elif row["en"] and cnt is not None:
                state["cnt"] = 0 if cnt == n - 1 else cnt + 1
            return {"count": cnt, "wrap": wrap}

        rows = random_rows(self.ports(params), rng, 240, bias={"en": 0.7})
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
