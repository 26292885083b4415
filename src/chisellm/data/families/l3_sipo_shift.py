"""L3: a serial-in parallel-out shift register with enable and a configurable shift direction."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, io_block, io_ref, module_source, pick_name, random_rows,
)
from chisellm.hdl.vectors import Vectors

NAMES = ("SerialToParallel", "SipoShiftRegister", "ShiftInRegister", "Deserializer")


@register
class SipoShiftFamily(Family):
    name = "sipo_shift"
    level = "L3"
    features = ("RegInit", "Cat", "Vec", "asUInt")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "width": rng.choice([4, 6, 8, 12]), "toward_msb": rng.random() < 0.6}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        return [PortSpec("sin", "input", 1, kind="Bool", doc="serial input bit"),
                PortSpec("en", "input", 1, kind="Bool", doc="shift enable"),
                PortSpec("pout", "output", params["width"], doc="parallel contents")]

    def _direction(self, params: dict[str, Any]) -> str:
        if params["toward_msb"]:
            return "shifts toward the MSB: the new bit `sin` enters at bit 0 and the old MSB is dropped"
        return "shifts toward the LSB: the new bit `sin` enters at the MSB and the old bit 0 is dropped"

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w = params["width"]
        d = self._direction(params)
        newest = "bit 0 (LSB)" if params["toward_msb"] else f"bit {w - 1} (MSB)"
        return [
            f"A {w}-bit serial-in, parallel-out shift register, reset synchronously to 0. On a rising edge with "
            f"`en` = 1 it {d}. With `en` = 0 it holds. `pout` is the register contents.",
            f"Deserialize a bit stream: each enabled clock edge pushes `sin` into the {w}-bit register at {newest}, "
            f"moving the other bits one place. `pout` shows the register (reset value 0).",
            f"Build a SIPO shift register of width {w}: when `en` is high, the register {d}; otherwise it keeps its "
            f"value. The output `pout` is registered and starts at 0 after reset.",
        ]

    def _source(self, params: dict[str, Any], body: str, util: bool = True) -> str:
        return module_source(params["module_name"], io_block(self.ports(params), params["io_style"]), body, util=util)

    def _cat_body(self, params: dict[str, Any], toward_msb: bool, enabled: bool = True) -> str:
        p, w = io_ref(params["io_style"]), params["width"]
        nxt = f"Cat(bits({w - 2}, 0), {p}sin)" if toward_msb else f"Cat({p}sin, bits({w - 1}, 1))"
        update = f"  when({p}en) {{\n    bits := {nxt}\n  }}\n" if enabled else f"  bits := {nxt}\n"
        return f"  val bits = RegInit(0.U({w}.W))\n{update}  {p}pout := bits\n"

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p, w = io_ref(params["io_style"]), params["width"]
        if params["toward_msb"]:
            moves = f"    cells(0) := {p}sin\n    for (i <- 1 until {w}) {{\n      cells(i) := cells(i - 1)\n    }}\n"
        else:
            moves = (f"    cells({w - 1}) := {p}sin\n    for (i <- 0 until {w - 1}) {{\n"
                     f"      cells(i) := cells(i + 1)\n    }}\n")
        vec = (f"  val cells = RegInit(VecInit(Seq.fill({w})(false.B)))\n"
               f"  when({p}en) {{\n{moves}  }}\n  {p}pout := cells.asUInt\n")
        return {"cat_shift": self._source(params, self._cat_body(params, params["toward_msb"])),
                "bool_vec": self._source(params, vec, util=False)}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        return [self._source(params, self._cat_body(params, not params["toward_msb"])),
                self._source(params, self._cat_body(params, params["toward_msb"], enabled=False))]

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        w = params["width"]
        state: dict[str, int | None] = {"bits": None}

        def step(row: Row) -> Row:
            out = {"pout": state["bits"]}
            bits = state["bits"]
            if row["reset"]:
                state["bits"] = 0
            elif row["en"] and bits is not None:
                if params["toward_msb"]:
                    state["bits"] = ((bits << 1) | row["sin"]) & ((1 << w) - 1)
                else:
                    state["bits"] = (row["sin"] << (w - 1)) | (bits >> 1)
            return out

        rows = random_rows(self.ports(params), rng, 240, bias={"en": 0.7, "sin": 0.5})
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
