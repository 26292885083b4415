"""A two-entry ready/valid skid buffer: registered ready, no input-to-output path, a flush that keeps new data."""

from __future__ import annotations

import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design `SkidBuffer`, a two-entry skid buffer that breaks the timing paths of a ready/valid stream of $w-bit words.

Interface (besides the implicit clock and reset):
- in_valid (input, 1), in_ready (output, 1), in_data (input, $w): the upstream side
- out_valid (output, 1), out_ready (input, 1), out_data (output, $w): the downstream side
- flush (input, 1)

A word transfers on a side in a cycle where its valid and ready are both high. The buffer holds up to two words
and delivers them in arrival order. out_valid is high whenever at least one word is held, and out_data is the
oldest held word. in_ready is high exactly when fewer than two words are held: it comes from state only and
must not depend on out_ready or in_valid in the same cycle, so when two words are held in_ready is low even in
a cycle where the downstream takes one. There is no bypass: a word accepted in a cycle can be seen on the
output from the next cycle on, never in the cycle it arrives. When one word is held, a word can arrive in the
same cycle as the held one leaves. flush discards stale data: at the edge of a cycle with flush high, every
held word is discarded (a word leaving downstream in that cycle still counts as delivered), but a word accepted
from upstream in that same cycle is kept and becomes the only held word. Reset empties the buffer (out_valid low,
in_ready high after reset). out_data is only checked while out_valid is high.
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class SkidBuffer(w: Int) extends Module {
  val in_valid  = IO(Input(Bool()))
  val in_ready  = IO(Output(Bool()))
  val in_data   = IO(Input(UInt(w.W)))
  val out_valid = IO(Output(Bool()))
  val out_ready = IO(Input(Bool()))
  val out_data  = IO(Output(UInt(w.W)))
  val flush     = IO(Input(Bool()))

  // main drives the output; skid catches the word accepted while the output stalls.
  val mainValid = RegInit(false.B)
  val mainData  = Reg(UInt(w.W))
  val skidValid = RegInit(false.B)
  val skidData  = Reg(UInt(w.W))

  in_ready  := !skidValid
  out_valid := mainValid
  out_data  := mainData

  val push = in_valid && !skidValid
  val pop  = mainValid && out_ready

  when(flush) {
    skidValid := false.B
    mainValid := push
    mainData  := in_data
  }.elsewhen(pop) {
    when(skidValid) {
      mainData  := skidData
      skidValid := false.B
    }.elsewhen(push) {
      mainData := in_data
    }.otherwise {
      mainValid := false.B
    }
  }.elsewhen(push) {
    when(mainValid) {
      skidValid := true.B
      skidData  := in_data
    }.otherwise {
      mainValid := true.B
      mainData  := in_data
    }
  }
}
"""

# Bug: a word arriving in the cycle the only held word leaves is dropped.
_OK = """    }.elsewhen(push) {
      mainData := in_data
    }.otherwise {"""
assert _OK in REFERENCE
WRONG = REFERENCE.replace(_OK, "    }.otherwise {")


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    w = params["w"]
    inputs = [Port("reset", 1), Port("in_valid", 1), Port("in_data", w), Port("out_ready", 1), Port("flush", 1)]
    outputs = [Port("in_ready", 1), Port("out_valid", 1), Port("out_data", w)]
    rows = []
    held: list[int] = []
    # Phases of (probability of in_valid, probability of out_ready): streaming, stalls, bursts, trickle.
    phases = [(1.0, 1.0), (1.0, 0.0), (0.0, 1.0), (1.0, 0.5), (0.5, 1.0), (0.7, 0.3), (0.3, 0.7), (1.0, 0.9)]
    plan = [(1, 0.0, 0.0, 1)]  # (reset, p_valid, p_ready, cycles)
    for _ in range(40):
        pv, pr = rng.choice(phases)
        plan.append((0, pv, pr, rng.randint(4, 14)))
        if rng.random() < 0.04:
            plan.append((1, 1.0, 1.0, 1))  # reset while busy
    for reset, pv, pr, n in plan:
        for _ in range(n):
            ins = {"reset": reset, "in_valid": int(rng.random() < pv), "in_data": rng.getrandbits(w),
                   "out_ready": int(rng.random() < pr), "flush": int(rng.random() < 0.05)}
            if ins["flush"] and rng.random() < 0.6:
                ins["in_valid"] = 1  # directed: new data arriving in the flush cycle must survive it
            if reset:
                rows.append((ins, {}))
                held = []
                continue
            outs = {"in_ready": int(len(held) < 2), "out_valid": int(bool(held)),
                    "out_data": held[0] if held else None}
            rows.append((ins, outs))
            push = ins["in_valid"] and len(held) < 2
            if held and ins["out_ready"]:
                held.pop(0)
            if ins["flush"]:
                held = []
            if push:
                held.append(ins["in_data"])
    return Vectors.from_cycles(inputs, outputs, rows)


DESIGN = HardDesign(
    name="skid_buffer", top="SkidBuffer", spec=SPEC, reference=REFERENCE, wrong=WRONG, golden=golden,
    variants=(Variant("w8", {"w": 8}), Variant("w16", {"w": 16})), seeds=(1, 2, 3), top_args="$w",
    category="stream")
