"""An APB3 slave with three read/write registers, a read-only write counter, wait states and PSLVERR."""

from __future__ import annotations

import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design an APB3 slave with three 32-bit read/write registers at byte addresses 0x0, 0x4 and 0x8 and a read-only \
status register at 0xC, inserting $wait wait states into every transfer.

Interface: inputs `psel` (1 bit), `penable` (1 bit), `pwrite` (1 bit), `paddr` (8 bits), `pwdata` (32 bits); \
outputs `prdata` (32 bits), `pready` (1 bit), `pslverr` (1 bit).

The master follows APB: a setup cycle (`psel` high, `penable` low), then an access phase (`psel` and `penable` \
high) that lasts until the slave completes it with `pready`, with address, direction and write data stable \
throughout. Every access phase lasts exactly $cycles cycles: `pready` is low for its first $wait cycles and high \
in its last one, and the transfer takes effect at the edge of that last cycle. The status register reads as the \
number of successful writes since reset, counted modulo 256 in its low 8 bits (upper bits 0). An access is an \
error when `paddr` is 0x10 or above, when `paddr` is not a multiple of 4, or when it writes the status register; \
an erroneous access changes nothing (a failed write is not counted). In the completing cycle `pslverr` is high \
for an erroneous access, and `prdata` shows the addressed register for a successful read. In every other case \
(not completing, writes, errors, no access phase) `prdata` is 0, and `pready` and `pslverr` are low whenever \
there is no access phase.

Synchronous reset clears the registers, the write count and the wait-state count.
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class ApbRegs(waitStates: Int) extends Module {
  val psel = IO(Input(Bool()))
  val penable = IO(Input(Bool()))
  val pwrite = IO(Input(Bool()))
  val paddr = IO(Input(UInt(8.W)))
  val pwdata = IO(Input(UInt(32.W)))
  val prdata = IO(Output(UInt(32.W)))
  val pready = IO(Output(Bool()))
  val pslverr = IO(Output(Bool()))

  val regs = RegInit(VecInit(Seq.fill(3)(0.U(32.W))))
  val writes = RegInit(0.U(8.W))
  val waited = RegInit(0.U(log2Ceil(waitStates + 2).W))

  val access = psel && penable
  val ready = access && waited === waitStates.U
  when(access && !ready) { waited := waited + 1.U }.otherwise { waited := 0.U }

  val index = paddr(3, 2)
  val bad = paddr >= 0x10.U || paddr(1, 0) =/= 0.U || (pwrite && index === 3.U)
  val value = Mux(index === 3.U, writes.pad(32), regs(index(1, 0)))
  when(ready && pwrite && !bad) {
    regs(index) := pwdata
    writes := writes + 1.U
  }

  pready := ready
  pslverr := ready && bad
  prdata := Mux(ready && !pwrite && !bad, value, 0.U)
}
"""

# The bug: a write to the read-only status register is silently dropped instead of answered with PSLVERR.
WRONG = (REFERENCE
         .replace("val bad = paddr >= 0x10.U || paddr(1, 0) =/= 0.U || (pwrite && index === 3.U)",
                  "val bad = paddr >= 0x10.U || paddr(1, 0) =/= 0.U")
         .replace("when(ready && pwrite && !bad) {", "when(ready && pwrite && !bad && index =/= 3.U) {"))


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    wait = params["wait"]
    inputs = [Port("reset", 1), Port("psel", 1), Port("penable", 1), Port("pwrite", 1), Port("paddr", 8),
              Port("pwdata", 32)]
    outputs = [Port("prdata", 32), Port("pready", 1), Port("pslverr", 1)]
    regs, writes, waited = [0, 0, 0], 0, 0
    phase = "idle"  # idle, setup, access
    xfer = (0, 0, 0)
    rows = []
    for cycle in range(1100):
        reset = int(cycle == 0 or cycle == 700)
        if phase == "idle" and rng.random() < 0.6:
            addr = rng.choice([0, 4, 8, 12, 12, rng.randrange(16), rng.randrange(256), 0x10, 0xFC])
            xfer = (int(rng.random() < 0.5), addr, rng.randrange(1 << 32))
            phase = "setup"
        pwrite, paddr, pwdata = xfer
        if phase == "idle":
            stim = {"psel": 0, "penable": 0, "pwrite": rng.randrange(2), "paddr": rng.randrange(256),
                    "pwdata": rng.randrange(1 << 32)}
        else:
            stim = {"psel": 1, "penable": int(phase == "access"), "pwrite": pwrite, "paddr": paddr, "pwdata": pwdata}
        stim["reset"] = reset
        access = phase == "access"
        ready = access and waited == wait
        bad = paddr >= 0x10 or paddr % 4 != 0 or (pwrite and paddr == 12)
        value = writes if paddr == 12 else (regs[paddr // 4] if paddr < 12 else 0)
        outs = {} if cycle == 0 else {"pready": int(ready), "pslverr": int(ready and bad),
                                      "prdata": value if ready and not pwrite and not bad else 0}
        rows.append((stim, outs))
        if reset:
            regs, writes, waited, phase = [0, 0, 0], 0, 0, "idle"
            continue
        waited = waited + 1 if access and not ready else 0
        if ready and pwrite and not bad:
            regs[paddr // 4] = pwdata
            writes = (writes + 1) % 256
        if phase == "setup":
            phase = "access"
        elif ready:
            phase = "idle"
    return Vectors.from_cycles(inputs, outputs, rows)


DESIGN = HardDesign(
    name="apb_regs", top="ApbRegs", spec=SPEC, reference=REFERENCE, wrong=WRONG, golden=golden,
    variants=(Variant("wait0", {"wait": 0, "cycles": 1}), Variant("wait2", {"wait": 2, "cycles": 3})),
    seeds=(1, 2, 3), top_args="$wait", category="bus")
