"""L3: a small memory with synchronous write and combinational (asynchronous) read (Mem)."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, io_block, io_ref, module_source, pick_name, random_rows,
)
from chisellm.hdl.vectors import Vectors

NAMES = ("AsyncReadMemory", "LutRam", "CombReadRam", "ScratchpadMemory")


@register
class AsyncMemFamily(Family):
    name = "async_mem"
    level = "L3"
    features = ("Mem", "Reg of Vec", "async read")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "depth": rng.choice([4, 8, 16]), "width": rng.choice([4, 8, 16])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        aw, w = (params["depth"] - 1).bit_length(), params["width"]
        return [PortSpec("addr", "input", aw, doc="read and write address"),
                PortSpec("wen", "input", 1, kind="Bool", doc="write enable"),
                PortSpec("wdata", "input", w, doc="write data"),
                PortSpec("rdata", "output", w, doc="word at `addr`, combinational")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        d, w = params["depth"], params["width"]
        return [
            f"A {d}-word, {w}-bit memory with a single address `addr`. `rdata` is combinational: it shows "
            f"mem[`addr`] in the same cycle. When `wen` is 1, the rising clock edge stores `wdata` at `addr`; "
            f"during that cycle `rdata` still shows the old word. The memory has no reset.",
            f"Implement an asynchronous-read RAM of {d} x {w} bits: reads are immediate (no clock), writes "
            f"happen on the clock edge when `wen` is high. Read-during-write returns the old data.",
            f"Build a single-port LUT-RAM style memory ({d} entries of {w} bits): the read data output `rdata` "
            f"follows `addr` combinationally, and a synchronous write enable `wen` writes `wdata` to `addr`.",
        ]

    def _source(self, params: dict[str, Any], body: str) -> str:
        return module_source(params["module_name"], io_block(self.ports(params), params["io_style"]), body, util=False)

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p, d, w = io_ref(params["io_style"]), params["depth"], params["width"]
        mem = (f"  val mem = Mem({d}, UInt({w}.W))\n  when({p}wen) {{\n    mem({p}addr) := {p}wdata\n  }}\n"
               f"  {p}rdata := mem({p}addr)\n")
        vec = (f"  val words = Reg(Vec({d}, UInt({w}.W)))\n  when({p}wen) {{\n    words({p}addr) := {p}wdata\n  }}\n"
               f"  {p}rdata := words({p}addr)\n")
        return {"mem": self._source(params, mem), "reg_vec": self._source(params, vec)}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        p, d, w = io_ref(params["io_style"]), params["depth"], params["width"]
        sync = (f"  val mem = SyncReadMem({d}, UInt({w}.W))\n  when({p}wen) {{\n    mem.write({p}addr, {p}wdata)\n  }}\n"
                f"  {p}rdata := mem.read({p}addr)\n")
        bypass = (f"  val mem = Mem({d}, UInt({w}.W))\n  when({p}wen) {{\n    mem({p}addr) := {p}wdata\n  }}\n"
                  f"  {p}rdata := Mux({p}wen, {p}wdata, mem({p}addr))\n")
        return [self._source(params, sync), self._source(params, bypass)]

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        mem: list[int | None] = [None] * params["depth"]

        def step(row: Row) -> Row:
            out = {"rdata": mem[row["addr"]]}
            if row["wen"]:
                mem[row["addr"]] = row["wdata"]
            return out

        rows = random_rows(self.ports(params), rng, 250, bias={"wen": 0.4})
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
