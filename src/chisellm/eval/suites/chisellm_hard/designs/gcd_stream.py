"""A subtractive GCD unit behind ready/valid handshakes, cycle-exact in its iteration count."""

from __future__ import annotations

import math
import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design a greatest-common-divisor unit for $w-bit unsigned operands, with a ready/valid handshake on its input and \
on its output, that uses repeated subtraction.

Interface: inputs `in_valid` (1 bit), `a` ($w bits), `b` ($w bits), `out_ready` (1 bit); outputs `in_ready` \
(1 bit), `out_valid` (1 bit), `gcd` ($w bits).

The unit holds one job at a time and is idle, computing, or holding a result. `in_ready` is high exactly when \
it is idle; a job is accepted at a rising edge where `in_valid` and `in_ready` are high, loading working values \
x = a and y = b. Every computing cycle does exactly one of two things: if x = 0, y = 0 or x = y, it finishes \
(the result is x if x is nonzero, else y) and the result is shown from the next cycle on; otherwise it replaces \
the larger of x and y by their difference. So a job needing k subtractions spends k + 1 cycles computing. This \
gives gcd(a, 0) = a, gcd(0, b) = b and gcd(0, 0) = 0. While holding a result, `out_valid` is high and `gcd` \
shows it, unchanged, until an edge where `out_ready` is high; the unit is idle from the next cycle on. \
`in_ready` and `out_valid` are low while computing. `gcd` is only checked while `out_valid` is high.

Synchronous reset makes the unit idle.
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class GcdStream(w: Int) extends Module {
  val in_valid = IO(Input(Bool()))
  val a = IO(Input(UInt(w.W)))
  val b = IO(Input(UInt(w.W)))
  val out_ready = IO(Input(Bool()))
  val in_ready = IO(Output(Bool()))
  val out_valid = IO(Output(Bool()))
  val gcd = IO(Output(UInt(w.W)))

  val sIdle :: sCalc :: sDone :: Nil = Enum(3)
  val state = RegInit(sIdle)
  val x = Reg(UInt(w.W))
  val y = Reg(UInt(w.W))
  val result = Reg(UInt(w.W))

  switch(state) {
    is(sIdle) {
      when(in_valid) {
        x := a
        y := b
        state := sCalc
      }
    }
    is(sCalc) {
      when(x === 0.U || y === 0.U || x === y) {
        result := Mux(x =/= 0.U, x, y)
        state := sDone
      }.elsewhen(x > y) {
        x := x - y
      }.otherwise {
        y := y - x
      }
    }
    is(sDone) {
      when(out_ready) { state := sIdle }
    }
  }

  in_ready := state === sIdle
  out_valid := state === sDone
  gcd := result
}
"""

# The bug: only x = y ends the loop, so an operand of zero never finishes.
WRONG = REFERENCE.replace("when(x === 0.U || y === 0.U || x === y) {", "when(x === y) {")


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    w = params["w"]
    top = (1 << w) - 1
    inputs = [Port("reset", 1), Port("in_valid", 1), Port("a", w), Port("b", w), Port("out_ready", 1)]
    outputs = [Port("in_ready", 1), Port("out_valid", 1), Port("gcd", w)]
    directed = [(0, 0), (0, 9), (12, 0), (7, 7), (top, 1), (1, top), (top, top - 1), (48, 18), (0, top), (top, 0)]
    state, x, y = "idle", 0, 0
    rows = []
    cycles = 30 * w + 900
    mid_reset = cycles // 3
    for cycle in range(cycles):
        reset = int(cycle == 0 or cycle == mid_reset)
        if directed and rng.random() < 0.6:
            a, b = directed[0]
        else:
            g = rng.randint(1, 12)
            a = min(top, g * rng.randrange(top // g + 1))
            b = min(top, g * rng.randrange(top // g + 1))
        stim = {"reset": reset, "in_valid": int(rng.random() < 0.7), "a": a, "b": b,
                "out_ready": int(rng.random() < 0.5)}
        outs: dict[str, int | None] = {}
        if cycle:
            outs = {"in_ready": int(state == "idle"), "out_valid": int(state == "done")}
            if state == "done":
                outs["gcd"] = x if x else y
        rows.append((stim, outs))
        if reset:
            state = "idle"
        elif state == "idle" and stim["in_valid"]:
            state, x, y = "calc", a, b
            if directed and (a, b) == directed[0]:
                directed.pop(0)
        elif state == "calc":
            if x == 0 or y == 0 or x == y:
                assert (x if x else y) == math.gcd(x, y)
                state = "done"
            elif x > y:
                x -= y
            else:
                y -= x
        elif state == "done" and stim["out_ready"]:
            state = "idle"
    return Vectors.from_cycles(inputs, outputs, rows)


DESIGN = HardDesign(
    name="gcd_stream", top="GcdStream", spec=SPEC, reference=REFERENCE, wrong=WRONG, golden=golden,
    variants=(Variant("w8", {"w": 8}), Variant("w12", {"w": 12})), seeds=(1, 2, 3), top_args="$w",
    category="stream")
