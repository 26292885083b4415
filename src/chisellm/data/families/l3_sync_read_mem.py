"""L3: a simple dual-port memory with one-cycle read latency (SyncReadMem)."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, io_block, io_ref, module_source, pick_name, random_rows,
)
from chisellm.hdl.vectors import Vectors

NAMES = ("SyncReadMemory", "SyncRam", "RegisteredReadRam", "SimpleDualPortRam")


@register
class SyncReadMemFamily(Family):
    name = "sync_read_mem"
    level = "L3"
    features = ("SyncReadMem", "RegNext", "read latency")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "depth": rng.choice([8, 16, 32]), "width": rng.choice([8, 16])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        aw, w = (params["depth"] - 1).bit_length(), params["width"]
        return [PortSpec("wen", "input", 1, kind="Bool", doc="write enable"),
                PortSpec("waddr", "input", aw, doc="write address"),
                PortSpec("wdata", "input", w, doc="write data"),
                PortSpec("raddr", "input", aw, doc="read address"),
                PortSpec("rdata", "output", w, doc="read data, one cycle after `raddr`")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        d, w = params["depth"], params["width"]
        return [
            f"A {d}-entry, {w}-bit memory with one write port and one read port. Writes are synchronous (on the "
            f"rising edge when `wen` is 1, mem[`waddr`] := `wdata`). Reads have a latency of one cycle: `rdata` "
            f"shows the word at the address `raddr` had in the previous cycle. Reading and writing the same "
            f"address in the same cycle gives an undefined result. The memory is not reset.",
            f"Implement a synchronous-read RAM ({d} x {w}): present `raddr` in cycle t and get the data on `rdata` "
            f"in cycle t+1. The write port (`wen`, `waddr`, `wdata`) is clocked. Use a memory with registered "
            f"read (read-under-write behaviour need not be defined).",
            f"Build a simple dual-port RAM of {d} words of {w} bits whose read port is registered: one clock of "
            f"read latency from `raddr` to `rdata`; writes happen at the clock edge when `wen` is asserted.",
        ]

    def _source(self, params: dict[str, Any], body: str) -> str:
        return module_source(params["module_name"], io_block(self.ports(params), params["io_style"]), body, util=False)

    def _write(self, params: dict[str, Any], mem_kind: str) -> str:
        p, d, w = io_ref(params["io_style"]), params["depth"], params["width"]
        return (f"  val mem = {mem_kind}({d}, UInt({w}.W))\n"
                f"  when({p}wen) {{\n    mem.write({p}waddr, {p}wdata)\n  }}\n")

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p = io_ref(params["io_style"])
        sync = self._write(params, "SyncReadMem") + f"  {p}rdata := mem.read({p}raddr)\n"
        registered_addr = (self._write(params, "Mem") + f"  val readAddr = RegNext({p}raddr)\n"
                           f"  {p}rdata := mem(readAddr)\n")
        return {"syncreadmem": self._source(params, sync), "mem_registered_address": self._source(params, registered_addr)}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        p = io_ref(params["io_style"])
        combinational = self._write(params, "Mem") + f"  {p}rdata := mem({p}raddr)\n"
        two_cycles = self._write(params, "SyncReadMem") + f"  {p}rdata := RegNext(mem.read({p}raddr))\n"
        return [self._source(params, combinational), self._source(params, two_cycles)]

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        mem: list[int | None] = [None] * params["depth"]
        state: dict[str, int | None] = {"data": None}

        def step(row: Row) -> Row:
            out = {"rdata": state["data"]}
            collision = row["wen"] and row["waddr"] == row["raddr"]
            state["data"] = None if collision else mem[row["raddr"]]
            if row["wen"]:
                mem[row["waddr"]] = row["wdata"]  # reset touches neither the memory nor the read stage
            return out

        rows = random_rows(self.ports(params), rng, 260, bias={"wen": 0.5})
        aw = (params["depth"] - 1).bit_length()
        for i, row in enumerate(rows):  # mostly a small working set so reads hit written words
            if rng.random() < 0.7:
                row["waddr"] = rng.randrange(min(8, 1 << aw))
                row["raddr"] = rng.randrange(min(8, 1 << aw))
            if i > 0 and rng.random() < 0.2:
                row["raddr"] = rows[i - 1]["waddr"]
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
