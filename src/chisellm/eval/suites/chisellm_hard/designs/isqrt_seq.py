"""A sequential digit-by-digit integer square root behind ready/valid handshakes on both sides."""

from __future__ import annotations

import math
import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design a sequential integer square root unit for $w-bit unsigned numbers that computes one result bit per clock \
cycle, with a ready/valid handshake on its input and on its output.

Interface: inputs `in_valid` (1 bit), `in_value` ($w bits), `out_ready` (1 bit); outputs `in_ready` (1 bit), \
`out_valid` (1 bit), `root` ($r bits), `rem` ($rr bits).

The unit holds at most one job. `in_ready` is high exactly when the unit is empty (neither computing nor holding \
a result that has not been taken). A job is accepted at a rising edge where `in_valid` and `in_ready` are both \
high. Computing then takes exactly $r cycles, during which `in_ready` and `out_valid` are low; in the cycle after \
those, `out_valid` goes high with `root` = floor(sqrt(in_value)) and `rem` = in_value - root*root. `out_valid`, \
`root` and `rem` stay unchanged until an edge where `out_ready` is high; that edge hands the result over and the \
unit is empty (`in_ready` high) from the next cycle on. `root` and `rem` are only checked while `out_valid` is high.

Synchronous reset empties the unit: `in_ready` high, `out_valid` low.
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class IntSqrt(w: Int) extends Module {
  val in_valid = IO(Input(Bool()))
  val in_value = IO(Input(UInt(w.W)))
  val out_ready = IO(Input(Bool()))
  val in_ready = IO(Output(Bool()))
  val out_valid = IO(Output(Bool()))
  val root = IO(Output(UInt((w / 2).W)))
  val rem = IO(Output(UInt((w / 2 + 1).W)))

  val steps = w / 2
  val sIdle :: sCalc :: sDone :: Nil = Enum(3)
  val state = RegInit(sIdle)
  val count = RegInit(0.U(log2Ceil(steps + 1).W))
  val x = Reg(UInt(w.W))
  val r = Reg(UInt((w / 2).W))
  val e = Reg(UInt((w / 2 + 2).W))

  switch(state) {
    is(sIdle) {
      when(in_valid) {
        state := sCalc
        count := 0.U
        x := in_value
        r := 0.U
        e := 0.U
      }
    }
    is(sCalc) {
      val shifted = Cat(e, x(w - 1, w - 2))
      val trial = Cat(r, 1.U(2.W))
      val fits = shifted >= trial
      e := Mux(fits, shifted - trial, shifted)(w / 2 + 1, 0)
      r := Cat(r, fits)(w / 2 - 1, 0)
      x := (x << 2)(w - 1, 0)
      count := count + 1.U
      when(count === (steps - 1).U) { state := sDone }
    }
    is(sDone) {
      when(out_ready) { state := sIdle }
    }
  }

  in_ready := state === sIdle
  out_valid := state === sDone
  root := r
  rem := e(w / 2, 0)
}
"""

# The bug: the result is dropped after one cycle whether or not the consumer took it.
WRONG = REFERENCE.replace("when(out_ready) { state := sIdle }", "state := sIdle")


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    w = params["w"]
    steps = w // 2
    top = (1 << w) - 1
    inputs = [Port("reset", 1), Port("in_valid", 1), Port("in_value", w), Port("out_ready", 1)]
    outputs = [Port("in_ready", 1), Port("out_valid", 1), Port("root", steps), Port("rem", steps + 1)]
    directed = [0, 1, 2, 3, 4, top, top - 1, (1 << (w - 2)), ((1 << steps) - 1) ** 2, ((1 << steps) - 1) ** 2 - 1,
                ((1 << steps) - 1) ** 2 + 1]
    state, count, value = "idle", 0, 0
    rows = []
    cycles = 40 * (steps + 4) + 60
    mid_reset = cycles // 2
    for cycle in range(cycles):
        reset = int(cycle == 0 or cycle == mid_reset)
        v = directed[0] if directed and rng.random() < 0.6 else rng.choice(
            [rng.randrange(top + 1), rng.randrange(64), rng.randrange(1 << steps) ** 2])
        stim = {"reset": reset, "in_valid": int(rng.random() < 0.6), "in_value": v,
                "out_ready": int(rng.random() < 0.5)}
        outs: dict[str, int | None] = {}
        if cycle:
            outs = {"in_ready": int(state == "idle"), "out_valid": int(state == "done")}
            if state == "done":
                root = math.isqrt(value)
                outs.update(root=root, rem=value - root * root)
        rows.append((stim, outs))
        if reset:
            state = "idle"
        elif state == "idle" and stim["in_valid"]:
            state, count, value = "calc", 0, v
            if directed and v == directed[0]:
                directed.pop(0)
        elif state == "calc":
            count += 1
            if count == steps:
                state = "done"
        elif state == "done" and stim["out_ready"]:
            state = "idle"
    return Vectors.from_cycles(inputs, outputs, rows)


DESIGN = HardDesign(
    name="isqrt_seq", top="IntSqrt", spec=SPEC, reference=REFERENCE, wrong=WRONG, golden=golden,
    variants=(Variant("w16", {"w": 16, "r": 8, "rr": 9}), Variant("w10", {"w": 10, "r": 5, "rr": 6})),
    seeds=(1, 2, 3), top_args="$w", category="arithmetic")
