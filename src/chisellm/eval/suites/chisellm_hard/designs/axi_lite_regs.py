"""An AXI4-Lite slave with four 32-bit registers, independent AW and W channels and byte strobes."""

from __future__ import annotations

import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design an AXI4-Lite slave with four 32-bit read/write registers at byte addresses 0x0, 0x4, 0x8 and 0xC.

Interface: inputs `awvalid` (1 bit), `awaddr` ($aw bits), `wvalid` (1 bit), `wdata` (32 bits), `wstrb` (4 bits), \
`bready` (1 bit), `arvalid` (1 bit), `araddr` ($aw bits), `rready` (1 bit); outputs `awready` (1 bit), `wready` \
(1 bit), `bvalid` (1 bit), `bresp` (2 bits), `arready` (1 bit), `rvalid` (1 bit), `rdata` (32 bits), `rresp` \
(2 bits).

Only address bits [3:2] select a register; the other address bits are ignored. A handshake happens at a rising \
edge where both valid and ready are high. The write address and write data channels are independent and may \
complete in either order or together: the slave has a one-entry holding register per channel, and `awready` \
(`wready`) is high exactly when its holding register is empty. The write itself is performed at the first edge \
at which both holding registers were already full at the start of the cycle and `bvalid` is low: that edge \
updates the addressed register (byte lane i is written only when `wstrb` bit i was set), empties both holding \
registers and raises `bvalid`. So a write whose address and data handshake at the same edge shows `bvalid` two \
cycles later. `bvalid` stays high until an edge where `bready` is high. `arready` is high exactly when `rvalid` \
is low; the read address handshake raises `rvalid` from the next cycle, with `rdata` holding the addressed \
register's value as it was at the handshake edge (a write performed at that same edge is not seen). `rvalid` \
and `rdata` stay unchanged until an edge where `rready` is high. `bresp` and `rresp` are always 0 (OKAY). \
`rdata` is only checked while `rvalid` is high.

Synchronous reset clears the four registers, empties both holding registers and drives `bvalid` and `rvalid` \
low.
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class AxiLiteRegs(aw: Int) extends Module {
  val awvalid = IO(Input(Bool()))
  val awaddr = IO(Input(UInt(aw.W)))
  val wvalid = IO(Input(Bool()))
  val wdata = IO(Input(UInt(32.W)))
  val wstrb = IO(Input(UInt(4.W)))
  val bready = IO(Input(Bool()))
  val arvalid = IO(Input(Bool()))
  val araddr = IO(Input(UInt(aw.W)))
  val rready = IO(Input(Bool()))
  val awready = IO(Output(Bool()))
  val wready = IO(Output(Bool()))
  val bvalid = IO(Output(Bool()))
  val bresp = IO(Output(UInt(2.W)))
  val arready = IO(Output(Bool()))
  val rvalid = IO(Output(Bool()))
  val rdata = IO(Output(UInt(32.W)))
  val rresp = IO(Output(UInt(2.W)))

  val regs = RegInit(VecInit(Seq.fill(4)(0.U(32.W))))
  val awFull = RegInit(false.B)
  val wFull = RegInit(false.B)
  val addrH = Reg(UInt(2.W))
  val dataH = Reg(UInt(32.W))
  val strbH = Reg(UInt(4.W))
  val bvalidR = RegInit(false.B)
  val rvalidR = RegInit(false.B)
  val rdataR = Reg(UInt(32.W))

  when(awvalid && !awFull) {
    awFull := true.B
    addrH := awaddr(3, 2)
  }
  when(wvalid && !wFull) {
    wFull := true.B
    dataH := wdata
    strbH := wstrb
  }
  when(awFull && wFull && !bvalidR) {
    val old = regs(addrH).asTypeOf(Vec(4, UInt(8.W)))
    val neu = dataH.asTypeOf(Vec(4, UInt(8.W)))
    regs(addrH) := VecInit((0 until 4).map(i => Mux(strbH(i), neu(i), old(i)))).asUInt
    awFull := false.B
    wFull := false.B
    bvalidR := true.B
  }.elsewhen(bvalidR && bready) {
    bvalidR := false.B
  }

  when(!rvalidR) {
    when(arvalid) {
      rvalidR := true.B
      rdataR := regs(araddr(3, 2))
    }
  }.elsewhen(rready) {
    rvalidR := false.B
  }

  awready := !awFull
  wready := !wFull
  bvalid := bvalidR
  bresp := 0.U
  arready := !rvalidR
  rvalid := rvalidR
  rdata := rdataR
  rresp := 0.U
}
"""

# The bug: the read channel accepts a new address while a response is still waiting, overwriting it.
WRONG = (REFERENCE
         .replace("""  when(!rvalidR) {
    when(arvalid) {
      rvalidR := true.B
      rdataR := regs(araddr(3, 2))
    }
  }.elsewhen(rready) {
    rvalidR := false.B
  }""", """  when(arvalid) {
    rvalidR := true.B
    rdataR := regs(araddr(3, 2))
  }.elsewhen(rready) {
    rvalidR := false.B
  }""")
         .replace("arready := !rvalidR", "arready := true.B"))


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    aw = params["aw"]
    inputs = [Port("reset", 1), Port("awvalid", 1), Port("awaddr", aw), Port("wvalid", 1), Port("wdata", 32),
              Port("wstrb", 4), Port("bready", 1), Port("arvalid", 1), Port("araddr", aw), Port("rready", 1)]
    outputs = [Port("awready", 1), Port("wready", 1), Port("bvalid", 1), Port("bresp", 2), Port("arready", 1),
               Port("rvalid", 1), Port("rdata", 32), Port("rresp", 2)]
    regs = [0] * 4
    aw_full = w_full = bvalid = rvalid = False
    addr_h = data_h = strb_h = rdata = 0
    # Master side: a channel keeps valid and its payload until the handshake (AXI rules).
    aw_req: int | None = None
    w_req: tuple[int, int] | None = None
    ar_req: int | None = None
    rows = []
    for cycle in range(1000):
        reset = int(cycle == 0 or cycle == 640)
        if aw_req is None and rng.random() < 0.35:
            aw_req = rng.randrange(1 << aw)
        if w_req is None and rng.random() < 0.35:
            w_req = (rng.choice([rng.randrange(1 << 32), 0xFFFFFFFF, 0]), rng.choice([15, 15, rng.randrange(16)]))
        if ar_req is None and rng.random() < 0.4:
            ar_req = rng.randrange(1 << aw)
        stim = {"reset": reset, "awvalid": int(aw_req is not None), "awaddr": aw_req or 0,
                "wvalid": int(w_req is not None), "wdata": w_req[0] if w_req else 0, "wstrb": w_req[1] if w_req else 0,
                "bready": int(rng.random() < 0.6), "arvalid": int(ar_req is not None), "araddr": ar_req or 0,
                "rready": int(rng.random() < 0.6)}
        outs = {} if cycle == 0 else {
            "awready": int(not aw_full), "wready": int(not w_full), "bvalid": int(bvalid), "bresp": 0,
            "arready": int(not rvalid), "rvalid": int(rvalid), "rdata": rdata if rvalid else None, "rresp": 0}
        rows.append((stim, outs))
        if reset:
            regs = [0] * 4
            aw_full = w_full = bvalid = rvalid = False
            aw_req = w_req = ar_req = None
            continue
        snapshot = list(regs)
        perform = aw_full and w_full and not bvalid
        if aw_req is not None and not aw_full:
            aw_full, addr_h, aw_req = True, aw_req >> 2 & 3, None
        if w_req is not None and not w_full:
            w_full, (data_h, strb_h), w_req = True, w_req, None
        if perform:
            mask = sum(0xFF << (8 * i) for i in range(4) if strb_h >> i & 1)
            regs[addr_h] = (regs[addr_h] & ~mask) | (data_h & mask)
            # The holding registers were full at the start of the cycle, so no handshake refilled them above.
            aw_full = w_full = False
            bvalid = True
        elif bvalid and stim["bready"]:
            bvalid = False
        if not rvalid:
            if ar_req is not None:
                rvalid, rdata, ar_req = True, snapshot[ar_req >> 2 & 3], None
        elif stim["rready"]:
            rvalid = False
    return Vectors.from_cycles(inputs, outputs, rows)


DESIGN = HardDesign(
    name="axi_lite_regs", top="AxiLiteRegs", spec=SPEC, reference=REFERENCE, wrong=WRONG, golden=golden,
    variants=(Variant("a4", {"aw": 4}), Variant("a8", {"aw": 8})), seeds=(1, 2, 3), top_args="$aw",
    category="bus")
