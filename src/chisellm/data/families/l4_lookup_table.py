"""L4: a ROM generator built from a Scala `Seq[Int]` constructor argument (VecInit / MuxLookup)."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, generator_note, io_block, io_ref, log2_ceil, module_source, pick_name, random_rows,
)
from chisellm.hdl.vectors import Vectors

NAMES = ("LookupTable", "RomTable", "ConstantRom", "TableLookup")


@register
class LookupTableFamily(Family):
    name = "lookup_table"
    level = "L4"
    features = ("Seq parameter", "VecInit", "MuxLookup", "zipWithIndex", "RegNext", "Boolean parameter")
    clocked = True

    def stateful(self, params: dict[str, Any]) -> bool:
        return bool(params["registered"])  # `registered = false` elaborates no register

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        width = rng.choice([4, 8, 12])
        size = rng.choice([4, 8, 16])
        while True:
            table = [rng.randrange(1 << width) for _ in range(size)]
            if table != table[::-1] and len(set(table)) > 2:
                break
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "width": width, "table": table, "registered": rng.random() < 0.4}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        return [PortSpec("addr", "input", log2_ceil(len(params["table"])), doc="table index"),
                PortSpec("data", "output", params["width"], doc="table[addr]")]

    def top_args(self, params: dict[str, Any]) -> str:
        table = ", ".join(str(v) for v in params["table"])
        return f"Seq({table}), {params['width']}, {str(params['registered']).lower()}"

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        n, w, table = len(params["table"]), params["width"], params["table"]
        note = generator_note(params["module_name"], "(table: Seq[Int], width: Int, registered: Boolean)",
                              self.top_args(params))
        timing = ("When `registered` is true the output is registered: `data` shows the entry for the address of "
                  "the previous cycle, and the output register resets synchronously to 0. When it is false the "
                  "lookup is combinational." )
        mode = "registered" if params["registered"] else "combinational"
        return [
            f"A read-only lookup table generated from a Scala `Seq[Int]` parameter `table` ({n} entries of `width` "
            f"= {w} bits, address width log2Ceil(table.size)). `data` = table(`addr`). {timing} This instance is "
            f"{mode} with table = {table}.{note}",
            f"ROM generator: the constructor gets the contents as `table: Seq[Int]`; build a Vec of constants and "
            f"index it with `addr`. {timing} Here: {mode}, {n} x {w} bits, contents {table}.{note}",
            f"Implement a constant table lookup with a parameterized content list and an optional output register. "
            f"{timing} Instance: {mode}, entries {table}.{note}",
        ]

    def _source(self, params: dict[str, Any], body: str) -> str:
        io = io_block(self.ports(params), params["io_style"],
                      {"addr": "UInt(log2Ceil(table.size).W)", "data": "UInt(width.W)"})
        return module_source(params["module_name"], io, body, ctor="(table: Seq[Int], width: Int, registered: Boolean)")

    def _out(self, params: dict[str, Any], value: str, registered: str = "registered") -> str:
        p = io_ref(params["io_style"])
        return f"  {p}data := (if ({registered}) RegNext({value}, 0.U(width.W)) else {value})\n"

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p = io_ref(params["io_style"])
        vec = f"  val rom = VecInit(table.map(_.U(width.W)))\n" + self._out(params, f"rom({p}addr)")
        lookup = (f"  val entry = MuxLookup({p}addr, 0.U(width.W))(\n"
                  f"    table.zipWithIndex.map {{ case (value, i) => i.U -> value.U(width.W) }}\n  )\n"
                  + self._out(params, "entry"))
        return {"vecinit_index": self._source(params, vec), "muxlookup": self._source(params, lookup)}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        p = io_ref(params["io_style"])
        reversed_rom = f"  val rom = VecInit(table.reverse.map(_.U(width.W)))\n" + self._out(params, f"rom({p}addr)")
        wrong_timing = f"  val rom = VecInit(table.map(_.U(width.W)))\n" + self._out(params, f"rom({p}addr)", "!registered")
        return [self._source(params, reversed_rom), self._source(params, wrong_timing)]

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        table = params["table"]
        state: dict[str, int | None] = {"out": None}

        def step(row: Row) -> Row:
            if not params["registered"]:
                return {"data": table[row["addr"]]}
            out = {"data": state["out"]}
            state["out"] = 0 if row["reset"] else table[row["addr"]]
            return out

        rows = random_rows(self.ports(params), rng, 200)
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
