"""A word-to-byte stream unpacker: sparse keep masks, packet-end flag, back-to-back words without a bubble."""

from __future__ import annotations

import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design `StreamDownsizer`, which splits a ready/valid stream of $r-byte words into a stream of bytes.

Interface (besides the implicit clock and reset):
- in_valid (input, 1), in_ready (output, 1), in_data (input, $iw), in_keep (input, $r), in_last (input, 1)
- out_valid (output, 1), out_ready (input, 1), out_data (output, 8), out_last (output, 1)

A transfer happens on a side when its valid and ready are both high. Byte lane i of a word is in_data[8i+7:8i]
and is part of the stream only when in_keep bit i is set; the set bits need not be contiguous (in_keep is never
0 when in_valid is high). An accepted word is stored in a one-word register and its kept lanes are sent out one
per transfer from the lowest lane up, starting in the cycle after the word was accepted (never in the same
cycle); unkept lanes are skipped without costing a cycle. out_valid is high while the stored word has bytes left
to send; out_data is the lowest one left; out_last is 1 on the word's final kept byte if the word came with
in_last, else 0. in_ready is high when no bytes are left, and also in a cycle where the final byte of the stored
word is being taken (out_ready high), so that the next word follows with no idle cycle; in_ready thus depends
combinationally on out_ready. After reset nothing is stored; out_data and out_last are only checked while
out_valid is high.
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class StreamDownsizer(r: Int) extends Module {
  val in_valid  = IO(Input(Bool()))
  val in_ready  = IO(Output(Bool()))
  val in_data   = IO(Input(UInt((8 * r).W)))
  val in_keep   = IO(Input(UInt(r.W)))
  val in_last   = IO(Input(Bool()))
  val out_valid = IO(Output(Bool()))
  val out_ready = IO(Input(Bool()))
  val out_data  = IO(Output(UInt(8.W)))
  val out_last  = IO(Output(Bool()))

  val word = Reg(Vec(r, UInt(8.W)))
  val left = RegInit(0.U(r.W)) // lanes still to send
  val last = RegInit(false.B)

  private val idx   = PriorityEncoder(left)
  private val rest  = left & ~UIntToOH(idx, r)
  private val isFinal = rest === 0.U
  private val busy  = left.orR

  out_valid := busy
  out_data  := word(idx)
  out_last  := last && isFinal
  in_ready  := !busy || (out_ready && isFinal)

  when(in_valid && in_ready) {
    word := in_data.asTypeOf(word)
    left := in_keep
    last := in_last
  }.elsewhen(busy && out_ready) {
    left := rest
  }
}
"""

# Bug: a new word is only accepted once the previous one is fully sent, costing an idle cycle per word.
_OK = "in_ready  := !busy || (out_ready && isFinal)"
assert _OK in REFERENCE
WRONG = REFERENCE.replace(_OK, "in_ready  := !busy")


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    r = params["r"]
    inputs = [Port("reset", 1), Port("in_valid", 1), Port("in_data", 8 * r), Port("in_keep", r), Port("in_last", 1),
              Port("out_ready", 1)]
    outputs = [Port("in_ready", 1), Port("out_valid", 1), Port("out_data", 8), Port("out_last", 1)]
    rows = []
    left: list[int] = []  # bytes still to send
    last = 0
    phases = [(1.0, 1.0), (1.0, 0.5), (0.5, 1.0), (1.0, 0.0), (0.0, 1.0), (0.7, 0.8)]
    plan = [(1, 0.0, 0.0, 0.0)]
    while len(plan) < 420:
        pv, pr = rng.choice(phases)
        sparse = rng.choice((0.0, 0.3, 0.7))  # chance that a word has a sparse or short keep
        plan += [(0, pv, pr, sparse)] * rng.randint(5, 20)
        if rng.random() < 0.03:
            plan.append((1, 0.0, 0.0, 0.0))
    full = (1 << r) - 1
    for reset, pv, pr, sparse in plan:
        keep = full if rng.random() >= sparse else rng.randint(1, full)
        ins = {"reset": reset, "in_valid": int(rng.random() < pv), "in_data": rng.getrandbits(8 * r), "in_keep": keep,
               "in_last": int(rng.random() < 0.3), "out_ready": int(rng.random() < pr)}
        if reset:
            rows.append((ins, {}))
            left, last = [], 0
            continue
        final = len(left) == 1
        ready = int(not left or (bool(ins["out_ready"]) and final))
        shown = {"out_data": left[0], "out_last": int(last and final)} if left else {}
        rows.append((ins, {"in_ready": ready, "out_valid": int(bool(left)), **shown}))
        if ins["in_valid"] and ready:
            left = [(ins["in_data"] >> (8 * i)) & 0xFF for i in range(r) if (keep >> i) & 1]
            last = ins["in_last"]
        elif left and ins["out_ready"]:
            left.pop(0)
    return Vectors.from_cycles(inputs, outputs, rows)


DESIGN = HardDesign(
    name="width_downsizer", top="StreamDownsizer", spec=SPEC, reference=REFERENCE, wrong=WRONG, golden=golden,
    variants=(Variant("x4", {"r": 4, "iw": 32}), Variant("x2", {"r": 2, "iw": 16})), seeds=(1, 2, 3),
    top_args="$r", category="stream")
