"""L3: a register file with two asynchronous read ports and one synchronous write port (optional x0 = 0)."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, io_block, io_ref, module_source, pick_name, random_rows,
)
from chisellm.hdl.vectors import Vectors

NAMES = ("RegisterFile", "RegFile", "TwoReadRegFile", "GeneralPurposeRegisters")


@register
class RegisterFileFamily(Family):
    name = "register_file"
    level = "L3"
    features = ("Mem", "Reg of Vec", "async read", "Mux")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "count": rng.choice([4, 8, 16]), "width": rng.choice([8, 16, 32]), "zero_reg": rng.random() < 0.5}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        aw, w = (params["count"] - 1).bit_length(), params["width"]
        return [PortSpec("wen", "input", 1, kind="Bool", doc="write enable"),
                PortSpec("waddr", "input", aw, doc="write address"),
                PortSpec("wdata", "input", w, doc="write data"),
                PortSpec("raddr1", "input", aw, doc="read address, port 1"),
                PortSpec("raddr2", "input", aw, doc="read address, port 2"),
                PortSpec("rdata1", "output", w, doc="read data, port 1"),
                PortSpec("rdata2", "output", w, doc="read data, port 2")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        n, w = params["count"], params["width"]
        zero = (" Register 0 is hard-wired to zero: reading address 0 always returns 0 and writes to it are "
                "ignored." if params["zero_reg"] else "")
        return [
            f"A register file of {n} registers, {w} bits each, with two read ports and one write port. Reads are "
            f"combinational: `rdata1` = register[`raddr1`], `rdata2` = register[`raddr2`] in the same cycle. On a "
            f"rising edge with `wen` = 1, register[`waddr`] := `wdata`; a read of the address being written in "
            f"that cycle still returns the old value. The registers are not reset.{zero}",
            f"Implement a 2R1W register file ({n} x {w}-bit). Asynchronous (same-cycle) reads on `raddr1`/`raddr2`, "
            f"synchronous write of `wdata` to `waddr` when `wen` is high. No write-to-read bypass. Contents are "
            f"undefined until written (no reset).{zero}",
            f"Build a small CPU-style register file: {n} entries of {w} bits, write port (`wen`, `waddr`, "
            f"`wdata`) takes effect at the clock edge, read ports return the stored value combinationally (the "
            f"value before any write happening in the same cycle).{zero}",
        ]

    def _source(self, params: dict[str, Any], body: str) -> str:
        return module_source(params["module_name"], io_block(self.ports(params), params["io_style"]), body,
                             util=False)

    def _mem(self, params: dict[str, Any], zero_reg: bool, bypass: bool = False, swap: bool = False) -> str:
        p, n, w = io_ref(params["io_style"]), params["count"], params["width"]
        guard = f" && {p}waddr =/= 0.U" if zero_reg else ""
        body = (f"  val regs = Mem({n}, UInt({w}.W))\n"
                f"  when({p}wen{guard}) {{\n    regs.write({p}waddr, {p}wdata)\n  }}\n")
        ports = [("rdata1", "raddr1"), ("rdata2", "raddr2")]
        if swap:
            ports = [("rdata1", "raddr2"), ("rdata2", "raddr1")]
        for out, addr in ports:
            value = f"regs({p}{addr})"
            if bypass:
                value = f"Mux({p}wen && {p}waddr === {p}{addr}, {p}wdata, {value})"
            if zero_reg:
                value = f"Mux({p}{addr} === 0.U, 0.U, {value})"
            body += f"  {p}{out} := {value}\n"
        return body

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p, n, w = io_ref(params["io_style"]), params["count"], params["width"]
        read = (lambda a: f"Mux({p}{a} === 0.U, 0.U, regs({p}{a}))") if params["zero_reg"] else (lambda a: f"regs({p}{a})")
        guard = f" && {p}waddr =/= 0.U" if params["zero_reg"] else ""
        vec = (f"  val regs = Reg(Vec({n}, UInt({w}.W)))\n"
               f"  when({p}wen{guard}) {{\n    regs({p}waddr) := {p}wdata\n  }}\n"
               f"  {p}rdata1 := {read('raddr1')}\n  {p}rdata2 := {read('raddr2')}\n")
        return {"mem": self._source(params, self._mem(params, params["zero_reg"])), "reg_vec": self._source(params, vec)}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        mutants = [self._source(params, self._mem(params, params["zero_reg"], bypass=True)),
                   self._source(params, self._mem(params, params["zero_reg"], swap=True))]
        if params["zero_reg"]:
            mutants.append(self._source(params, self._mem(params, False)))
        return mutants

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        n, zero = params["count"], params["zero_reg"]
        regs: list[int | None] = [None] * n

        def read(addr: int) -> int | None:
            return 0 if zero and addr == 0 else regs[addr]

        def step(row: Row) -> Row:
            out = {"rdata1": read(row["raddr1"]), "rdata2": read(row["raddr2"])}
            if row["wen"] and not (zero and row["waddr"] == 0):
                regs[row["waddr"]] = row["wdata"]  # reset does not touch the registers
            return out

        rows = random_rows(self.ports(params), rng, 260, bias={"wen": 0.5})
        for row in rows:  # reading the address being written is the interesting case
            if rng.random() < 0.25:
                row["raddr1" if rng.random() < 0.5 else "raddr2"] = row["waddr"]
            if zero and rng.random() < 0.08:
                row["waddr"], row["raddr1"] = 0, 0
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
