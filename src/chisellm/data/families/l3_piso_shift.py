"""L3: a parallel-in serial-out shift register; load has priority over shifting."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, io_block, io_ref, module_source, pick_name, random_rows,
)
from chisellm.hdl.vectors import Vectors

NAMES = ("ParallelToSerial", "PisoShiftRegister", "Serializer", "ShiftOutRegister")


@register
class PisoShiftFamily(Family):
    name = "piso_shift"
    level = "L3"
    features = ("RegInit", "when", "Cat", "bit extraction")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "width": rng.choice([4, 8, 16]), "msb_first": rng.random() < 0.6}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        return [PortSpec("load", "input", 1, kind="Bool", doc="load `data` into the register"),
                PortSpec("data", "input", params["width"], doc="parallel word"),
                PortSpec("shift", "input", 1, kind="Bool", doc="shift one bit out"),
                PortSpec("sout", "output", 1, kind="Bool", doc="serial output bit")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w = params["width"]
        if params["msb_first"]:
            order, how = "MSB first", "shifts left by one (a 0 enters at bit 0)"
            tap = f"bit {w - 1}"
        else:
            order, how = "LSB first", "shifts right by one (a 0 enters at the MSB)"
            tap = "bit 0"
        return [
            f"A {w}-bit parallel-in, serial-out shift register (synchronous reset to 0). At a rising edge: if "
            f"`load` is 1 it captures `data` (load has priority); else if `shift` is 1 it {how}. `sout` is "
            f"combinationally the register's {tap}, so the word comes out {order}.",
            f"Serialize a {w}-bit word {order}: `load` copies `data` into a register; each cycle with `shift` "
            f"high (and `load` low) the register {how}. `sout` always shows {tap} of the register. Reset clears "
            f"the register.",
            f"Implement a PISO shift register: register width {w}, reset value 0, `load` beats `shift` when both "
            f"are asserted, output `sout` = current {tap} of the register (serial order: {order}).",
        ]

    def _body(self, params: dict[str, Any], msb_first: bool, load_first: bool = True) -> str:
        p, w = io_ref(params["io_style"]), params["width"]
        shifted = f"Cat(word({w - 2}, 0), 0.U(1.W))" if msb_first else f"Cat(0.U(1.W), word({w - 1}, 1))"
        tap = f"word({w - 1})" if msb_first else "word(0)"
        first, second = (("load", f"{p}data"), ("shift", shifted)) if load_first else (("shift", shifted), ("load", f"{p}data"))
        return (f"  val word = RegInit(0.U({w}.W))\n"
                f"  when({p}{first[0]}) {{\n    word := {first[1]}\n  }}.elsewhen({p}{second[0]}) {{\n"
                f"    word := {second[1]}\n  }}\n  {p}sout := {tap}\n")

    def _source(self, params: dict[str, Any], body: str) -> str:
        return module_source(params["module_name"], io_block(self.ports(params), params["io_style"]), body)

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p, w = io_ref(params["io_style"]), params["width"]
        shift_op = f"(word << 1)({w - 1}, 0)" if params["msb_first"] else "(word >> 1)"
        tap = f"word({w - 1})" if params["msb_first"] else "word(0)"
        ops = (f"  val word = RegInit(0.U({w}.W))\n"
               f"  word := Mux({p}load, {p}data, Mux({p}shift, {shift_op}, word))\n"
               f"  {p}sout := {tap}\n")
        return {"cat_when": self._source(params, self._body(params, params["msb_first"])),
                "shift_operator_mux": self._source(params, ops)}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        return [self._source(params, self._body(params, not params["msb_first"])),
                self._source(params, self._body(params, params["msb_first"], load_first=False))]

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        w = params["width"]
        state: dict[str, int | None] = {"word": None}

        def step(row: Row) -> Row:
            word = state["word"]
            tap = None if word is None else (word >> (w - 1) if params["msb_first"] else word & 1)
            if row["reset"]:
                state["word"] = 0
            elif row["load"]:
                state["word"] = row["data"]
            elif row["shift"] and word is not None:
                state["word"] = ((word << 1) & ((1 << w) - 1)) if params["msb_first"] else word >> 1
            return {"sout": tap}

        rows = random_rows(self.ports(params), rng, 250, bias={"load": 0.15, "shift": 0.7})
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
