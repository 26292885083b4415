"""L3: an accumulator with enable and a synchronous clear that has priority."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, mask, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, io_block, io_ref, module_source, pick_name, random_rows,
)
from chisellm.hdl.vectors import Vectors

NAMES = ("Accumulator", "RunningSum", "SumAccumulator", "IntegratorRegister")


@register
class AccumulatorFamily(Family):
    name = "accumulator"
    level = "L3"
    features = ("RegInit", "when", "width extension")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        width = rng.choice([4, 8, 12])
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "width": width, "acc_width": width + rng.choice([2, 4, 8])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        return [PortSpec("din", "input", params["width"], doc="value to add"),
                PortSpec("en", "input", 1, kind="Bool", doc="add `din` this cycle"),
                PortSpec("clear", "input", 1, kind="Bool", doc="clear the sum"),
                PortSpec("sum", "output", params["acc_width"], doc="accumulated sum")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w, aw = params["width"], params["acc_width"]
        return [
            f"A {aw}-bit accumulator of {w}-bit unsigned inputs. At each rising edge: if `clear` is 1 the sum "
            f"becomes 0 (clear wins over `en`); else if `en` is 1 the sum becomes sum + `din` (zero-extended), "
            f"wrapping modulo 2^{aw}; otherwise it holds. Synchronous reset sets it to 0. `sum` is the register.",
            f"Accumulate `din` into a {aw}-bit register `sum` when `en` is asserted. A synchronous `clear` (and "
            f"the reset) zeroes it and overrides `en`. Overflow wraps around.",
            f"Implement a running-sum register: width {aw}, reset 0, priority clear > en > hold, with "
            f"sum := sum + din on enable (natural wrap-around at {aw} bits). The output is registered.",
        ]

    def _source(self, params: dict[str, Any], body: str) -> str:
        return module_source(params["module_name"], io_block(self.ports(params), params["io_style"]), body, util=False)

    def _when(self, params: dict[str, Any], clear_first: bool) -> str:
        p, aw = io_ref(params["io_style"]), params["acc_width"]
        first, second = (("clear", "0.U"), ("en", f"acc + {p}din")) if clear_first else \
            (("en", f"acc + {p}din"), ("clear", "0.U"))
        return (f"  val acc = RegInit(0.U({aw}.W))\n"
                f"  when({p}{first[0]}) {{\n    acc := {first[1]}\n  }}.elsewhen({p}{second[0]}) {{\n"
                f"    acc := {second[1]}\n  }}\n  {p}sum := acc\n")

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p, aw = io_ref(params["io_style"]), params["acc_width"]
        mux = (f"  val acc = RegInit(0.U({aw}.W))\n"
               f"  val added = acc + {p}din.pad({aw})\n"
               f"  acc := Mux({p}clear, 0.U, Mux({p}en, added, acc))\n  {p}sum := acc\n")
        return {"when_chain": self._source(params, self._when(params, True)), "mux_pad": self._source(params, mux)}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        p, aw, w = io_ref(params["io_style"]), params["acc_width"], params["width"]
        narrow = (f"  val acc = RegInit(0.U({aw}.W))\n"
                  f"  when({p}clear) {{\n    acc := 0.U\n  }}.elsewhen({p}en) {{\n"
                  f"    acc := acc({w - 1}, 0) + {p}din\n  }}\n  {p}sum := acc\n")
        return [self._source(params, self._when(params, False)), self._source(params, narrow)]

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        aw = params["acc_width"]
        state: dict[str, int | None] = {"acc": None}

        def step(row: Row) -> Row:
            out = {"sum": state["acc"]}
            if row["reset"] or row["clear"]:
                state["acc"] = 0
            elif row["en"] and state["acc"] is not None:
                state["acc"] = mask(state["acc"] + row["din"], aw)
            return out

        rows = random_rows(self.ports(params), rng, 250, bias={"en": 0.75, "clear": 0.06})
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
