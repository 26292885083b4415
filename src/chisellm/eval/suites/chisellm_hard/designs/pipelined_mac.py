"""A 3-stage pipelined signed multiply-accumulate with valid, clear-with-sample and a saturating accumulator."""

from __future__ import annotations

import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design a three-stage pipelined multiply-accumulate unit for $w-bit signed samples with a $aw-bit signed \
saturating accumulator.

Interface: inputs `in_valid` (1 bit), `a` ($w bits, signed), `b` ($w bits, signed), `clear` (1 bit); outputs \
`out_valid` (1 bit), `acc` ($aw bits, signed).

A sample is taken in every cycle where `in_valid` is high (there is no back-pressure; `a`, `b` and `clear` are \
ignored when `in_valid` is low). The pipeline registers the sample (stage 1), registers the full-precision \
product a * b (stage 2), and updates the accumulator register (stage 3), so a sample taken in cycle t is \
reflected in `acc` in cycle t + 3, when `out_valid` is high for that one cycle; samples in consecutive cycles \
give results in consecutive cycles. A sample with `clear` high starts a new sum: the accumulator becomes its \
product alone. Otherwise the accumulator becomes the exact sum of its old value and the product, limited to \
the $aw-bit signed range (values above the maximum become the maximum, values below the minimum become the \
minimum). `acc` keeps its value in cycles without a result.

Synchronous reset empties the pipeline (no results come out for samples presented before or during the reset \
cycle) and sets `acc` to 0.
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class PipelinedMac(w: Int, aw: Int) extends Module {
  val in_valid = IO(Input(Bool()))
  val a = IO(Input(SInt(w.W)))
  val b = IO(Input(SInt(w.W)))
  val clear = IO(Input(Bool()))
  val out_valid = IO(Output(Bool()))
  val acc = IO(Output(SInt(aw.W)))

  val v1 = RegNext(in_valid, false.B)
  val a1 = RegNext(a)
  val b1 = RegNext(b)
  val c1 = RegNext(clear)

  val v2 = RegNext(v1, false.B)
  val p2 = RegNext(a1 * b1)
  val c2 = RegNext(c1)

  val maxV = ((BigInt(1) << (aw - 1)) - 1).S(aw.W)
  val minV = (-(BigInt(1) << (aw - 1))).S(aw.W)
  val accR = RegInit(0.S(aw.W))
  val sum = accR +& p2
  val limited = Mux(sum > maxV, maxV, Mux(sum < minV, minV, sum))
  when(v2) { accR := Mux(c2, p2, limited(aw - 1, 0).asSInt) }

  out_valid := RegNext(v2, false.B)
  acc := accR
}
"""

# The bug: the sum is taken at the accumulator's width, so it wraps before it is compared with the limits.
WRONG = REFERENCE.replace("val sum = accR +& p2", "val sum = accR + p2")


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    w, aw = params["w"], params["aw"]
    lo, hi = -(1 << (w - 1)), (1 << (w - 1)) - 1
    amin, amax = -(1 << (aw - 1)), (1 << (aw - 1)) - 1
    inputs = [Port("reset", 1), Port("in_valid", 1), Port("a", w, True), Port("b", w, True), Port("clear", 1)]
    outputs = [Port("out_valid", 1), Port("acc", aw, True)]
    pipe: list[tuple[int, int, int] | None] = [None, None, None]  # samples taken 1, 2, 3 cycles ago
    acc, out_valid = 0, 0
    sign = 1
    rows = []
    for cycle in range(1200):
        reset = int(cycle == 0 or cycle == 800)
        if cycle % 90 == 0:
            sign = rng.choice([1, -1, 0])
        if sign and rng.random() < 0.6:
            # A run of same-signed large products drives the accumulator into its limit.
            a, b = rng.choice([hi, hi - 1, rng.randrange(hi)]), sign * rng.choice([hi, rng.randrange(hi)])
        else:
            a, b = rng.randint(lo, hi), rng.randint(lo, hi)
        stim = {"reset": reset, "in_valid": int(rng.random() < 0.8), "a": a, "b": b,
                "clear": int(rng.random() < 0.03)}
        rows.append((stim, {} if cycle == 0 else {"out_valid": out_valid, "acc": acc}))
        if reset:
            pipe, acc, out_valid = [None, None, None], 0, 0
            continue
        done = pipe[1]  # in stage 2 now: updates the accumulator at this edge
        out_valid = int(done is not None)
        if done is not None:
            pa, pb, pc = done
            acc = pa * pb if pc else max(amin, min(amax, acc + pa * pb))
        pipe = [(a, b, stim["clear"]) if stim["in_valid"] else None, pipe[0], pipe[1]]
    return Vectors.from_cycles(inputs, outputs, rows)


DESIGN = HardDesign(
    name="pipelined_mac", top="PipelinedMac", spec=SPEC, reference=REFERENCE, wrong=WRONG, golden=golden,
    variants=(Variant("w8a18", {"w": 8, "aw": 18}), Variant("w12a26", {"w": 12, "aw": 26})), seeds=(1, 2, 3),
    top_args="$w, $aw", category="dsp")
