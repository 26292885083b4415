"""L4: a counter generator whose `clear` input and `atMax` output exist only when Boolean parameters say so
(Option IO)."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, mask, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, generator_note, io_ref, module_source, pick_name, random_rows,
)
from chisellm.hdl.vectors import Vectors

NAMES = ("ConfigurableCounter", "OptionalPortCounter", "FeatureCounter", "FlexibleCounter")


@register
class OptionalPortCounterFamily(Family):
    name = "optional_port_counter"
    level = "L4"
    features = ("Option IO", "Boolean parameter", "foreach", "RegInit", "default parameters")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "width": rng.choice([3, 4, 8]), "has_clear": rng.random() < 0.6, "has_flag": rng.random() < 0.6,
                "defaults": rng.random() < 0.3}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        ports = [PortSpec("en", "input", 1, kind="Bool", doc="count enable")]
        if params["has_clear"]:
            ports.append(PortSpec("clear", "input", 1, kind="Bool", doc="synchronous clear (only when hasClear)"))
        ports.append(PortSpec("count", "output", params["width"], doc="counter value"))
        if params["has_flag"]:
            ports.append(PortSpec("atMax", "output", 1, kind="Bool", doc="count is all ones (only when hasMaxFlag)"))
        return ports

    def _signature(self, params: dict[str, Any]) -> str:
        if params["defaults"]:
            return (f"(width: Int = {params['width']}, hasClear: Boolean = {str(params['has_clear']).lower()}, "
                    f"hasMaxFlag: Boolean = {str(params['has_flag']).lower()})")
        return "(width: Int, hasClear: Boolean, hasMaxFlag: Boolean)"

    def top_args(self, params: dict[str, Any]) -> str:
        if params["defaults"]:
            return ""
        return f"{params['width']}, {str(params['has_clear']).lower()}, {str(params['has_flag']).lower()}"

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w = params["width"]
        note = generator_note(params["module_name"], self._signature(params), self.top_args(params))
        opt = ("The input `clear` exists only when `hasClear` is true (an `Option` port); when present, a 1 on "
               "`clear` zeroes the counter and wins over `en`. The output `atMax` exists only when `hasMaxFlag` is "
               "true; it is combinationally 1 when the count is all ones.")
        here = (f"This instance has width = {w}, hasClear = {str(params['has_clear']).lower()}, "
                f"hasMaxFlag = {str(params['has_flag']).lower()}, so its ports are "
                + ", ".join(f"`{s.name}`" for s in self.ports(params)) + ".")
        return [
            f"A `width`-bit up-counter (synchronous reset to 0) that increments, wrapping around, on each rising edge "
            f"where `en` is 1. {opt} {here}{note}",
            f"Counter generator with optional ports: always `en` (input) and `count` (registered output, reset 0, "
            f"+1 per enabled cycle modulo 2^width). {opt} {here}{note}",
            f"Implement a configurable counter using Chisel's `Option` for IO that depends on Boolean parameters. "
            f"{opt} Counting: `count` := `count` + 1 when `en`. {here}{note}",
        ]

    def _io(self, params: dict[str, Any]) -> str:
        if params["io_style"] == "flat":
            return ("  val en = IO(Input(Bool()))\n"
                    "  val clear = if (hasClear) Some(IO(Input(Bool()))) else None\n"
                    "  val count = IO(Output(UInt(width.W)))\n"
                    "  val atMax = if (hasMaxFlag) Some(IO(Output(Bool()))) else None\n")
        return ("  val io = IO(new Bundle {\n    val en = Input(Bool())\n"
                "    val clear = if (hasClear) Some(Input(Bool())) else None\n"
                "    val count = Output(UInt(width.W))\n"
                "    val atMax = if (hasMaxFlag) Some(Output(Bool())) else None\n  })\n")

    def _source(self, params: dict[str, Any], body: str) -> str:
        return module_source(params["module_name"], self._io(params), body, ctor=self._signature(params), util=False)

    def _foreach(self, params: dict[str, Any], clear_last: bool = True, gated: bool = True) -> str:
        p = io_ref(params["io_style"])
        inc = f"  when({p}en) {{\n    value := value + 1.U\n  }}\n" if gated else "  value := value + 1.U\n"
        clear = f"  {p}clear.foreach {{ c =>\n    when(c) {{\n      value := 0.U\n    }}\n  }}\n"
        logic = inc + clear if clear_last else clear + inc
        return (f"  val value = RegInit(0.U(width.W))\n{logic}"
                f"  {p}count := value\n  {p}atMax.foreach(_ := value.andR)\n")

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p = io_ref(params["io_style"])
        ifs = (f"  val value = RegInit(0.U(width.W))\n"
               f"  val clearNow = if (hasClear) {p}clear.get else false.B\n"
               f"  when(clearNow) {{\n    value := 0.U\n  }}.elsewhen({p}en) {{\n    value := value + 1.U\n  }}\n"
               f"  {p}count := value\n"
               f"  if (hasMaxFlag) {{\n    {p}atMax.get := value === ((1 << width) - 1).U\n  }}\n")
        return {"option_foreach": self._source(params, self._foreach(params)), "if_get": self._source(params, ifs)}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        mutants = [self._source(params, self._foreach(params, gated=False))]
        if params["has_clear"]:
            mutants.append(self._source(params, self._foreach(params, clear_last=False)))
        return mutants

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        w = params["width"]
        state: dict[str, int | None] = {"value": None}

        def step(row: Row) -> Row:
            value = state["value"]
            out: Row = {"count": value}
            if params["has_flag"]:
                out["atMax"] = None if value is None else int(value == (1 << w) - 1)
            if row["reset"] or row.get("clear"):
                state["value"] = 0
            elif row["en"] and value is not None:
                state["value"] = mask(value + 1, w)
            return out

        rows = random_rows(self.ports(params), rng, 240, bias={"en": 0.75, "clear": 0.05})
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
