"""A sequential radix-4 Booth multiplier for signed operands with start/busy/done."""

from __future__ import annotations

import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design a sequential signed multiplier for two $w-bit two's-complement operands using radix-4 Booth recoding, \
retiring two multiplier bits per clock cycle.

Interface: inputs `start` (1 bit), `a` ($w bits, signed), `b` ($w bits, signed); outputs `busy` (1 bit), \
`done` (1 bit), `product` ($p bits, signed).

When the unit is idle (`busy` low) and `start` is high at a rising clock edge, it captures `a` (multiplicand) and \
`b` (multiplier) at that edge and becomes busy; `start` while busy is ignored and the inputs may change during a \
multiplication. A multiplication takes exactly $steps busy cycles (one Booth digit per cycle): `busy` is high for \
the $steps cycles after the accepting edge, then the unit is idle again and `done` is high for exactly one cycle \
(the first idle cycle), in which `product` already shows the full $p-bit signed product a * b. `product` keeps \
the most recent result until the next multiplication completes. A `start` in the cycle where `done` is high is \
accepted. Every operand pair is exact, including the most negative value times itself.

Synchronous reset makes the unit idle with `busy` and `done` low and `product` zero.
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class BoothMultiplier(w: Int) extends Module {
  val start = IO(Input(Bool()))
  val a = IO(Input(SInt(w.W)))
  val b = IO(Input(SInt(w.W)))
  val busy = IO(Output(Bool()))
  val done = IO(Output(Bool()))
  val product = IO(Output(SInt((2 * w).W)))

  val steps = w / 2
  val busyR = RegInit(false.B)
  val doneR = RegInit(false.B)
  val count = RegInit(0.U(log2Ceil(steps + 1).W))
  val mcand = RegInit(0.U((2 * w).W))   // sign-extended multiplicand, shifted left two bits per step
  val mplier = RegInit(0.U((w + 1).W))  // multiplier with an appended 0 below bit 0
  val acc = RegInit(0.U((2 * w).W))
  val result = RegInit(0.S((2 * w).W))

  doneR := false.B
  when(busyR) {
    val m = mcand
    val m2 = (mcand << 1)(2 * w - 1, 0)
    val pp = MuxLookup(mplier(2, 0), 0.U((2 * w).W))(Seq(
      1.U -> m, 2.U -> m, 3.U -> m2, 4.U -> (0.U - m2), 5.U -> (0.U - m), 6.U -> (0.U - m)))
    val nextAcc = (acc + pp)(2 * w - 1, 0)
    acc := nextAcc
    mcand := (mcand << 2)(2 * w - 1, 0)
    mplier := mplier >> 2
    count := count + 1.U
    when(count === (steps - 1).U) {
      busyR := false.B
      doneR := true.B
      result := nextAcc.asSInt
    }
  }.elsewhen(start) {
    busyR := true.B
    count := 0.U
    acc := 0.U
    mcand := a.pad(2 * w).asUInt
    mplier := Cat(b.asUInt, 0.U(1.W))
  }

  busy := busyR
  done := doneR
  product := result
}
"""

# The bug: the multiplicand is zero-extended, so a negative `a` gives a wrong product.
WRONG = REFERENCE.replace("mcand := a.pad(2 * w).asUInt", "mcand := a.asUInt.pad(2 * w)")


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    w = params["w"]
    steps = w // 2
    lo, hi = -(1 << (w - 1)), (1 << (w - 1)) - 1
    inputs = [Port("reset", 1), Port("start", 1), Port("a", w, True), Port("b", w, True)]
    outputs = [Port("busy", 1), Port("done", 1), Port("product", 2 * w, True)]
    directed = [(lo, lo), (lo, hi), (hi, hi), (-1, -1), (lo, -1), (-1, lo), (0, lo), (hi, 0), (1, -1), (-1, 1),
                (lo, 1), (3, -3)]
    busy = done = False
    count = product = 0
    pending = (0, 0)
    rows = []
    cycles = 45 * (steps + 2) + 80
    mid_reset = cycles // 2
    for cycle in range(cycles):
        reset = int(cycle == 0 or cycle == mid_reset)
        if directed and rng.random() < 0.5:
            a, b = directed[0]
        else:
            a = rng.choice([rng.randint(lo, hi), rng.randint(-8, 8), lo, hi])
            b = rng.choice([rng.randint(lo, hi), rng.randint(-8, 8), lo, hi])
        start = int(rng.random() < (0.6 if not busy else 0.3))
        stim = {"reset": reset, "start": start, "a": a, "b": b}
        outs = {} if cycle == 0 else {"busy": int(busy), "done": int(done), "product": product}
        rows.append((stim, outs))
        if reset:
            busy = done = False
            count = product = 0
            continue
        done = False
        if busy:
            count += 1
            if count == steps:
                busy, done = False, True
                product = pending[0] * pending[1]
        elif start:
            busy, count, pending = True, 0, (a, b)
            if directed and (a, b) == directed[0]:
                directed.pop(0)
    return Vectors.from_cycles(inputs, outputs, rows)


DESIGN = HardDesign(
    name="booth_multiplier", top="BoothMultiplier", spec=SPEC, reference=REFERENCE, wrong=WRONG, golden=golden,
    variants=(Variant("w8", {"w": 8, "p": 16, "steps": 4}), Variant("w16", {"w": 16, "p": 32, "steps": 8})),
    seeds=(1, 2, 3), top_args="$w", category="arithmetic")
