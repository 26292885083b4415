"""L3: a data register with synchronous reset to a given value and a load enable."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, io_block, io_ref, module_source, pick_name, random_rows,
)
from chisellm.hdl.vectors import Vectors

NAMES = ("EnableRegister", "LoadableRegister", "HoldRegister", "DataLatchRegister", "GatedRegister")


@register
class EnableRegisterFamily(Family):
    name = "enable_register"
    level = "L3"
    features = ("RegInit", "when", "RegEnable")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        width = rng.choice([1, 4, 8, 12, 16])
        init = rng.randrange(1, 1 << width) if rng.random() < 0.6 else 0
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "width": width, "init": init}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w = params["width"]
        return [PortSpec("d", "input", w, doc="data to store"),
                PortSpec("en", "input", 1, kind="Bool", doc="load enable"),
                PortSpec("q", "output", w, doc="stored value")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w, init = params["width"], params["init"]
        return [
            f"A {w}-bit register. On every rising clock edge where `en` is 1 it stores `d`; when `en` is 0 it "
            f"keeps its value. The synchronous reset sets it to {init}. `q` always shows the stored value "
            f"(it is the register output, so a new `d` appears on `q` one cycle after it is loaded).",
            f"Build a loadable register: `q` is a {w}-bit register whose reset value is {init}. If `en` is high "
            f"at a clock edge, the register takes `d`; otherwise it holds.",
            f"Implement a {w}-bit data register with a write enable `en` and synchronous reset to the constant "
            f"{init}. Output `q` is driven directly by the register (no combinational path from `d` to `q`).",
        ]

    def _lit(self, params: dict[str, Any]) -> str:
        return f"{params['init']}.U({params['width']}.W)"

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io, p, name = io_block(self.ports(params), params["io_style"]), io_ref(params["io_style"]), params["module_name"]
        lit = self._lit(params)
        when_body = (f"  val stored = RegInit({lit})\n"
                     f"  when({p}en) {{\n    stored := {p}d\n  }}\n"
                     f"  {p}q := stored\n")
        enable_body = f"  {p}q := RegEnable({p}d, {lit}, {p}en)\n"
        return {"reginit_when": module_source(name, io, when_body, util=False),
                "regenable": module_source(name, io, enable_body)}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io, p, name = io_block(self.ports(params), params["io_style"]), io_ref(params["io_style"]), params["module_name"]
        w = params["width"]
        wrong_init = f"{params['init'] ^ 1}.U({w}.W)"
        ignores_enable = f"  val stored = RegInit({self._lit(params)})\n  stored := {p}d\n  {p}q := stored\n"
        wrong_reset = f"  val stored = RegInit({wrong_init})\n  when({p}en) {{\n    stored := {p}d\n  }}\n  {p}q := stored\n"
        return [module_source(name, io, ignores_enable, util=False), module_source(name, io, wrong_reset, util=False)]

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        state: dict[str, int | None] = {"q": None}

        def step(row: Row) -> Row:
            out = {"q": state["q"]}
            if row["reset"]:
                state["q"] = params["init"]
            elif row["en"]:
                state["q"] = row["d"]
            return out

        rows = random_rows(self.ports(params), rng, 240, bias={"en": 0.4})
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
