"""A byte-to-word stream packer: little-endian lanes, a keep mask for the partial last word, back-pressure."""

from __future__ import annotations

import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design `StreamUpsizer`, which packs a ready/valid stream of bytes with a packet-end flag into $r-byte words.

Interface (besides the implicit clock and reset):
- in_valid (input, 1), in_ready (output, 1), in_data (input, 8), in_last (input, 1)
- out_valid (output, 1), out_ready (input, 1), out_data (output, $ow), out_keep (output, $r), out_last (output, 1)

A transfer happens on a side when its valid and ready are both high. Bytes fill a word little-endian: the first
byte of a word goes to out_data[7:0], the next to [15:8], and so on. A word is complete when it has $r bytes or when a
byte with in_last arrives; packets never share a word, so the byte after a last starts a new word. A complete
word goes to a one-word output register at the clock edge of the byte that completed it, and is offered from the
next cycle on: out_valid is high while the register holds a word, out_keep has bit i set for every lane i that
holds a byte of the word (all $r bits for a full word; the low lanes for a short word at a packet's end), lanes
without a byte are 0 in out_data, and out_last is 1 when the word ends a packet. The output register empties
when the word is taken, unless a new word completes in the same cycle. in_ready is low exactly when the output
register holds a word and out_ready is low (it depends combinationally on out_ready); bytes that do not complete
a word are held inside until their word completes. After reset no bytes are held and out_valid is low; out_data,
out_keep and out_last are only checked while out_valid is high.
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class StreamUpsizer(r: Int) extends Module {
  val in_valid  = IO(Input(Bool()))
  val in_ready  = IO(Output(Bool()))
  val in_data   = IO(Input(UInt(8.W)))
  val in_last   = IO(Input(Bool()))
  val out_valid = IO(Output(Bool()))
  val out_ready = IO(Input(Bool()))
  val out_data  = IO(Output(UInt((8 * r).W)))
  val out_keep  = IO(Output(UInt(r.W)))
  val out_last  = IO(Output(Bool()))

  val lanes = RegInit(VecInit(Seq.fill(r - 1)(0.U(8.W))))
  val cnt   = RegInit(0.U(log2Ceil(r).W))
  val oValid = RegInit(false.B)
  val oData  = Reg(UInt((8 * r).W))
  val oKeep  = Reg(UInt(r.W))
  val oLast  = Reg(Bool())

  in_ready := !oValid || out_ready
  private val take = in_valid && in_ready
  private val completes = cnt === (r - 1).U || in_last

  when(out_ready) { oValid := false.B }
  when(take) {
    when(completes) {
      // Lane cnt gets the new byte; lanes above it stay 0.
      val word = VecInit((0 until r).map { i =>
        Mux(i.U === cnt, in_data, if (i < r - 1) Mux(i.U < cnt, lanes(i), 0.U) else 0.U)
      })
      oValid := true.B
      oData  := word.asUInt
      oKeep  := (UIntToOH(cnt, r) << 1) - 1.U
      oLast  := in_last
      cnt    := 0.U
      lanes.foreach(_ := 0.U)
    }.otherwise {
      lanes(cnt) := in_data
      cnt := cnt + 1.U
    }
  }
  out_valid := oValid
  out_data  := oData
  out_keep  := oKeep
  out_last  := oLast
}
"""

# Bug: lanes above the last byte of a short word are not cleared: they show bytes of an earlier word.
_OK = "Mux(i.U === cnt, in_data, if (i < r - 1) Mux(i.U < cnt, lanes(i), 0.U) else 0.U)"
assert _OK in REFERENCE
WRONG = REFERENCE.replace(_OK, "Mux(i.U === cnt, in_data, if (i < r - 1) lanes(i) else 0.U)").replace(
    "      lanes.foreach(_ := 0.U)\n", "")


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    r = params["r"]
    inputs = [Port("reset", 1), Port("in_valid", 1), Port("in_data", 8), Port("in_last", 1), Port("out_ready", 1)]
    outputs = [Port("in_ready", 1), Port("out_valid", 1), Port("out_data", 8 * r), Port("out_keep", r),
               Port("out_last", 1)]
    rows = []
    held: list[int] = []
    out = None  # (data, keep, last) of the word in the output register
    phases = [(1.0, 1.0), (1.0, 0.0), (0.8, 0.5), (0.5, 1.0), (1.0, 0.3), (0.3, 0.3)]
    plan = [(1, 0.0, 0.0, 0.0)]
    while len(plan) < 420:
        pv, pr = rng.choice(phases)
        p_last = rng.choice((0.05, 0.2, 0.5, 1.0))  # packet lengths from long to one byte
        plan += [(0, pv, pr, p_last)] * rng.randint(5, 20)
        if rng.random() < 0.03:
            plan.append((1, 0.0, 0.0, 0.0))
    for reset, pv, pr, p_last in plan:
        ins = {"reset": reset, "in_valid": int(rng.random() < pv), "in_data": rng.getrandbits(8),
               "in_last": int(rng.random() < p_last), "out_ready": int(rng.random() < pr)}
        if reset:
            rows.append((ins, {}))
            held, out = [], None
            continue
        ready = int(out is None or bool(ins["out_ready"]))
        shown = {"out_data": out[0], "out_keep": out[1], "out_last": out[2]} if out else {}
        rows.append((ins, {"in_ready": ready, "out_valid": int(out is not None), **shown}))
        if ins["out_ready"]:
            out = None
        if ins["in_valid"] and ready:
            held.append(ins["in_data"])
            if len(held) == r or ins["in_last"]:
                out = (sum(b << (8 * i) for i, b in enumerate(held)), (1 << len(held)) - 1, ins["in_last"])
                held = []
    return Vectors.from_cycles(inputs, outputs, rows)


DESIGN = HardDesign(
    name="width_upsizer", top="StreamUpsizer", spec=SPEC, reference=REFERENCE, wrong=WRONG, golden=golden,
    variants=(Variant("x4", {"r": 4, "ow": 32}), Variant("x3", {"r": 3, "ow": 24})), seeds=(1, 2, 3),
    top_args="$r", category="stream")
