"""A run-length encoder on a byte stream with a maximum run length and a flush."""

from __future__ import annotations

import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design a run-length encoder for a byte stream that emits (byte, count) pairs, with runs of at most $max bytes.

Interface: inputs `in_valid` (1 bit), `in_data` (8 bits), `flush` (1 bit); outputs `out_valid` (1 bit), \
`out_byte` (8 bits), `out_count` ($cw bits).

A byte is consumed at every rising edge where `in_valid` is high. The encoder holds at most one open run (a byte \
value and how many times it has repeated so far). A consumed byte equal to the open run's byte extends it; a run \
that reaches $max bytes is emitted at the edge that consumed its ${max}th byte and closed, so the next equal byte \
opens a new run. A consumed byte that differs from the open run's byte emits the open run and opens a new run of \
one. A byte consumed with no run open opens a run of one. At an edge where `flush` is high and `in_valid` is low, \
the open run (if any) is emitted and closed; `flush` is ignored while `in_valid` is high. An emitted pair \
appears in the cycle after the edge that emitted it: `out_valid` is high for that one cycle, and `out_byte` and \
`out_count` show the pair; they keep showing the last emitted pair afterwards.

Synchronous reset closes any open run without emitting it, drives `out_valid` low and sets `out_byte` and \
`out_count` to 0.
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class RleEncoder(max: Int) extends Module {
  val cw = log2Ceil(max + 1)
  val in_valid = IO(Input(Bool()))
  val in_data = IO(Input(UInt(8.W)))
  val flush = IO(Input(Bool()))
  val out_valid = IO(Output(Bool()))
  val out_byte = IO(Output(UInt(8.W)))
  val out_count = IO(Output(UInt(cw.W)))

  val cur = Reg(UInt(8.W))
  val cnt = RegInit(0.U(cw.W))
  val validR = RegInit(false.B)
  val byteR = RegInit(0.U(8.W))
  val countR = RegInit(0.U(cw.W))

  def emit(b: UInt, c: UInt): Unit = {
    validR := true.B
    byteR := b
    countR := c
  }

  validR := false.B
  when(in_valid) {
    when(cnt =/= 0.U && in_data === cur) {
      when(cnt === (max - 1).U) {
        emit(cur, max.U)
        cnt := 0.U
      }.otherwise {
        cnt := cnt + 1.U
      }
    }.otherwise {
      when(cnt =/= 0.U) { emit(cur, cnt) }
      cur := in_data
      cnt := 1.U
    }
  }.elsewhen(flush && cnt =/= 0.U) {
    emit(cur, cnt)
    cnt := 0.U
  }

  out_valid := validR
  out_byte := byteR
  out_count := countR
}
"""

# The bug: a full run is emitted lazily, when the next equal byte arrives, instead of when it fills.
WRONG = REFERENCE.replace("""      when(cnt === (max - 1).U) {
        emit(cur, max.U)
        cnt := 0.U
      }""", """      when(cnt === max.U) {
        emit(cur, cnt)
        cnt := 1.U
      }""")


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    mx, cw = params["max"], params["cw"]
    inputs = [Port("reset", 1), Port("in_valid", 1), Port("in_data", 8), Port("flush", 1)]
    outputs = [Port("out_valid", 1), Port("out_byte", 8), Port("out_count", cw)]
    alphabet = [0, 255, rng.randrange(256), rng.randrange(256)]
    cur, cnt = 0, 0
    valid, byte, count = 0, 0, 0
    run_byte, run_left = 0, 0
    rows = []
    for cycle in range(1000):
        reset = int(cycle == 0 or cycle == 700)
        if run_left == 0:
            run_byte = rng.choice(alphabet)
            run_left = rng.choice([1, 1, 2, 3, mx - 1, mx, mx + 1, 2 * mx, 2 * mx + 1, rng.randint(1, 3 * mx)])
        v = int(rng.random() < 0.8)
        stim = {"reset": reset, "in_valid": v, "in_data": run_byte if v else rng.randrange(256),
                "flush": int(rng.random() < 0.08)}
        if v:
            run_left -= 1
        rows.append((stim, {} if cycle == 0 else {"out_valid": valid, "out_byte": byte, "out_count": count}))
        if reset:
            cnt, valid, byte, count = 0, 0, 0, 0
            continue
        valid = 0
        d = stim["in_data"]
        if v:
            if cnt and d == cur:
                if cnt == mx - 1:
                    valid, byte, count, cnt = 1, cur, mx, 0
                else:
                    cnt += 1
            else:
                if cnt:
                    valid, byte, count = 1, cur, cnt
                cur, cnt = d, 1
        elif stim["flush"] and cnt:
            valid, byte, count, cnt = 1, cur, cnt, 0
    return Vectors.from_cycles(inputs, outputs, rows)


DESIGN = HardDesign(
    name="rle_encoder", top="RleEncoder", spec=SPEC, reference=REFERENCE, wrong=WRONG, golden=golden,
    variants=(Variant("max15", {"max": 15, "cw": 4}), Variant("max6", {"max": 6, "cw": 3})), seeds=(1, 2, 3),
    top_args="$max", category="stream")
