"""An SPI master for mode 0 (CPOL 0, CPHA 0): 8-bit MSB-first transfers with a clock divider and chip select."""

from __future__ import annotations

import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design `SpiMaster`, an SPI master in mode 0 (clock idles low, data sampled on the rising sclk edge, changed on the
falling edge) that moves one byte each way per transfer, most significant bit first.

Interface (besides the implicit clock and reset):
- start (input, 1), tx_data (input, 8), miso (input, 1)
- sclk (output, 1), mosi (output, 1), cs_n (output, 1)
- busy (output, 1), done (output, 1), rx_data (output, 8)

All outputs come from registers. While idle, cs_n is 1, sclk and mosi are 0 and busy is 0. In an idle cycle with
start high, tx_data is captured and the transfer begins in the next cycle; start is ignored while busy. A
transfer lasts 16 half-periods of $div clock cycles each, numbered 0 to 15: during all of them cs_n is 0 and
busy is 1; sclk is 0 in the even half-periods and 1 in the odd ones; mosi shows bit 7 - h/2 (integer division)
of the captured byte during half-period h, so bit 7 from the first cycle of the transfer. miso is sampled at each
rising edge of sclk: the value it has in the last cycle of each even half-period; the first sample is bit 7 of
the received byte. After half-period 15 the master is idle again: in that first idle cycle done is 1 (for that
cycle only) and rx_data shows the received byte, which it keeps until the next transfer ends; a start in that
cycle begins the next transfer right away. After reset the master is idle, rx_data is 0 and done is 0.
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class SpiMaster(div: Int) extends Module {
  val start   = IO(Input(Bool()))
  val tx_data = IO(Input(UInt(8.W)))
  val miso    = IO(Input(Bool()))
  val sclk    = IO(Output(Bool()))
  val mosi    = IO(Output(Bool()))
  val cs_n    = IO(Output(Bool()))
  val busy    = IO(Output(Bool()))
  val done    = IO(Output(Bool()))
  val rx_data = IO(Output(UInt(8.W)))

  val active  = RegInit(false.B)
  val cnt     = RegInit(0.U(log2Ceil(div max 2).W))
  val half    = RegInit(0.U(4.W))
  val txShift = RegInit(0.U(8.W))
  val rxShift = RegInit(0.U(8.W))
  val rxR     = RegInit(0.U(8.W))
  val doneR   = RegInit(false.B)

  doneR := false.B
  when(!active) {
    when(start) {
      active  := true.B
      txShift := tx_data
      cnt     := 0.U
      half    := 0.U
    }
  }.otherwise {
    val endHalf = cnt === (div - 1).U
    cnt := Mux(endHalf, 0.U, cnt + 1.U)
    when(endHalf && !half(0)) { rxShift := Cat(rxShift(6, 0), miso) }
    when(endHalf) {
      half := half + 1.U
      when(half(0)) { txShift := (txShift << 1)(7, 0) }
      when(half === 15.U) {
        active := false.B
        doneR  := true.B
        rxR    := rxShift
      }
    }
  }
  sclk    := active && half(0)
  mosi    := active && txShift(7)
  cs_n    := !active
  busy    := active
  done    := doneR
  rx_data := rxR
}
"""

# Bug: miso is sampled in the first cycle sclk is high, one cycle after the rising edge.
_OK = "when(endHalf && !half(0)) { rxShift := Cat(rxShift(6, 0), miso) }"
assert _OK in REFERENCE
WRONG = REFERENCE.replace(_OK, "when(cnt === 0.U && half(0)) { rxShift := Cat(rxShift(6, 0), miso) }")


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    div = params["div"]
    inputs = [Port("reset", 1), Port("start", 1), Port("tx_data", 8), Port("miso", 1)]
    outputs = [Port("sclk", 1), Port("mosi", 1), Port("cs_n", 1), Port("busy", 1), Port("done", 1), Port("rx_data", 8)]
    rows = []
    t = None  # cycle number inside the transfer, None while idle
    tx = rx_shift = rx = done = 0
    n_cycles = 36 * 16 * div + 60
    p_start = 0.3
    for i in range(n_cycles):
        if i % 150 == 0:
            p_start = rng.choice((0.05, 0.3, 1.0))  # from sparse transfers to back-to-back ones
        reset = i == 0 or (i > 200 and rng.random() < 0.002)
        ins = {"reset": int(reset), "start": int(rng.random() < p_start), "tx_data": rng.getrandbits(8),
               "miso": rng.getrandbits(1)}
        if reset:
            rows.append((ins, {}))
            t, tx, rx_shift, rx, done = None, 0, 0, 0, 0
            continue
        if t is None:
            outs = {"sclk": 0, "mosi": 0, "cs_n": 1, "busy": 0}
        else:
            h = t // div
            outs = {"sclk": h % 2, "mosi": (tx >> (7 - h // 2)) & 1, "cs_n": 0, "busy": 1}
        rows.append((ins, {**outs, "done": done, "rx_data": rx}))
        done = 0
        if t is None:
            if ins["start"]:
                t, tx = 0, ins["tx_data"]
        else:
            if (t // div) % 2 == 0 and t % div == div - 1:
                rx_shift = ((rx_shift << 1) | ins["miso"]) & 0xFF
            t += 1
            if t == 16 * div:
                t, rx, done = None, rx_shift, 1
    return Vectors.from_cycles(inputs, outputs, rows)


DESIGN = HardDesign(
    name="spi_master", top="SpiMaster", spec=SPEC, reference=REFERENCE, wrong=WRONG, golden=golden,
    variants=(Variant("div2", {"div": 2}), Variant("div3", {"div": 3})), seeds=(1, 2, 3), top_args="$div",
    category="protocol")
