"""A multi-cycle restoring unsigned divider with start/busy/done and a defined divide-by-zero."""

from __future__ import annotations

import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design a sequential unsigned divider for $w-bit operands that produces one quotient bit per clock cycle.

Interface: inputs `start` (1 bit), `dividend` ($w bits), `divisor` ($w bits); outputs `busy` (1 bit), \
`done` (1 bit), `quotient` ($w bits), `remainder` ($w bits).

The unit is either idle or busy. When it is idle (`busy` low) and `start` is high at a rising clock edge, it \
captures `dividend` and `divisor` at that edge and becomes busy; `start` while busy is ignored and the operands \
may change freely during a division. A division takes exactly $w busy cycles: `busy` is high for the $w cycles \
after the accepting edge, then the unit is idle again and `done` is high for exactly one cycle (the first idle \
cycle), during which `quotient` and `remainder` already show the result. `quotient` and `remainder` keep \
showing the most recent result until the next division completes. A `start` in the cycle where `done` is high \
is accepted (the unit is idle then), so divisions can run back to back.

Results: `quotient` = floor(dividend / divisor) and `remainder` = dividend mod divisor. Dividing by zero is not \
an error: it gives a `quotient` of all ones and a `remainder` equal to the dividend, after the same $w cycles.

Synchronous reset makes the unit idle with `busy` and `done` low and `quotient` and `remainder` zero.
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class SeqDivider(w: Int) extends Module {
  val start = IO(Input(Bool()))
  val dividend = IO(Input(UInt(w.W)))
  val divisor = IO(Input(UInt(w.W)))
  val busy = IO(Output(Bool()))
  val done = IO(Output(Bool()))
  val quotient = IO(Output(UInt(w.W)))
  val remainder = IO(Output(UInt(w.W)))

  val busyR = RegInit(false.B)
  val doneR = RegInit(false.B)
  val count = RegInit(0.U(log2Ceil(w + 1).W))
  val rem = RegInit(0.U(w.W))
  val quo = RegInit(0.U(w.W))
  val dvs = RegInit(0.U(w.W))
  val qOut = RegInit(0.U(w.W))
  val rOut = RegInit(0.U(w.W))

  doneR := false.B
  when(busyR) {
    val shifted = Cat(rem, quo(w - 1))
    val ge = shifted >= dvs
    val nextRem = Mux(ge, shifted - dvs, shifted)(w - 1, 0)
    val nextQuo = Cat(quo(w - 2, 0), ge)
    rem := nextRem
    quo := nextQuo
    count := count + 1.U
    when(count === (w - 1).U) {
      busyR := false.B
      doneR := true.B
      qOut := nextQuo
      rOut := nextRem
    }
  }.elsewhen(start) {
    busyR := true.B
    count := 0.U
    rem := 0.U
    quo := dividend
    dvs := divisor
  }

  busy := busyR
  done := doneR
  quotient := qOut
  remainder := rOut
}
"""

# The bug: `start` restarts a division that is already running.
WRONG = REFERENCE.replace("""  }.elsewhen(start) {""", """  }
  when(start) {""")


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    w = params["w"]
    top = (1 << w) - 1
    inputs = [Port("reset", 1), Port("start", 1), Port("dividend", w), Port("divisor", w)]
    outputs = [Port("busy", 1), Port("done", 1), Port("quotient", w), Port("remainder", w)]
    directed = [(top, 0), (0, 0), (5, 0), (top, 1), (top, top), (0, 7), (1, top), (top - 1, top), (top, 2)]
    busy = done = False
    count = q_out = r_out = 0
    pending = (0, 0)
    rows = []
    cycles = 40 * (w + 2) + 60
    mid_reset = cycles // 2
    for cycle in range(cycles):
        reset = int(cycle == 0 or cycle == mid_reset)
        if directed and rng.random() < 0.5:
            a, b = directed[0]
        else:
            a = rng.choice([rng.randrange(top + 1), rng.randrange(16), top])
            b = rng.choice([rng.randrange(top + 1), rng.randrange(1, 16), 0, 1])
        start = int(rng.random() < (0.6 if not busy else 0.3))
        stim = {"reset": reset, "start": start, "dividend": a, "divisor": b}
        outs = {} if cycle == 0 else {"busy": int(busy), "done": int(done), "quotient": q_out, "remainder": r_out}
        rows.append((stim, outs))
        if reset:
            busy = done = False
            count = q_out = r_out = 0
            continue
        done = False
        if busy:
            count += 1
            if count == w:
                busy, done = False, True
                n, d = pending
                q_out, r_out = (top, n) if d == 0 else (n // d, n % d)
        elif start:
            busy, count, pending = True, 0, (a, b)
            if directed and (a, b) == directed[0]:
                directed.pop(0)
    return Vectors.from_cycles(inputs, outputs, rows)


DESIGN = HardDesign(
    name="seq_divider", top="SeqDivider", spec=SPEC, reference=REFERENCE, wrong=WRONG, golden=golden,
    variants=(Variant("w8", {"w": 8}), Variant("w16", {"w": 16})), seeds=(1, 2, 3), top_args="$w",
    category="arithmetic")
