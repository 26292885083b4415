"""A prescaled timer with a compare register (match, wrap to zero) and an edge-triggered capture input."""

from __future__ import annotations

import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design a $w-bit timer with a compare unit and a capture unit, counting at the input clock divided by $p.

Interface: inputs `cmp_we` (1 bit), `cmp_val` ($w bits), `cap_in` (1 bit), `clr` (1 bit); outputs `count` \
($w bits), `capture` ($w bits), `cmp_match` (1 bit), `cmp_flag` (1 bit), `cap_flag` (1 bit).

`count` shows the counter register. $tick At an advancing edge the counter goes to 0 if it equals the compare \
value, and otherwise to count + 1 (wrapping from all ones to 0); so with a compare value C the counter runs \
0 .. C and starts again, and if C is lowered below the current count the counter runs on up to all ones and \
wraps before it matches. `cmp_match` is high (combinationally) whenever `count` equals the compare value. `cmp_flag` \
is set at every advancing edge where the counter wraps because it equals the compare value. `cmp_we` high at an \
edge loads `cmp_val` into the compare value; the new value is used from the next cycle on (this cycle's match \
and wrap use the old one). The capture unit samples `cap_in` every cycle: a rising edge of `cap_in` (high in \
this cycle, low in the previous cycle) loads `count` into `capture` at this cycle's edge and sets `cap_flag`. \
`clr` high at an edge clears both flags, but a flag that is set at the same edge stays set.

Synchronous reset sets the counter$pre to 0, sets the compare value to all ones, `capture` to 0, both flags to 0, and \
the remembered previous `cap_in` to 0 (so `cap_in` high in the first cycle after reset is a rising edge).
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class CaptureCompareTimer(w: Int, p: Int) extends Module {
  val cmp_we = IO(Input(Bool()))
  val cmp_val = IO(Input(UInt(w.W)))
  val cap_in = IO(Input(Bool()))
  val clr = IO(Input(Bool()))
  val count = IO(Output(UInt(w.W)))
  val capture = IO(Output(UInt(w.W)))
  val cmp_match = IO(Output(Bool()))
  val cmp_flag = IO(Output(Bool()))
  val cap_flag = IO(Output(Bool()))

  val cnt = RegInit(0.U(w.W))
  val cmp = RegInit(((BigInt(1) << w) - 1).U(w.W))
  val cap = RegInit(0.U(w.W))
  val cmpF = RegInit(false.B)
  val capF = RegInit(false.B)
  val prev = RegInit(false.B)

  val advance = if (p == 1) true.B else {
    val pre = RegInit(0.U(log2Ceil(p).W))
    val last = pre === (p - 1).U
    pre := Mux(last, 0.U, pre + 1.U)
    last
  }
  val hit = cnt === cmp
  val wrap = advance && hit
  when(advance) { cnt := Mux(hit, 0.U, cnt + 1.U) }
  when(cmp_we) { cmp := cmp_val }

  val rise = cap_in && !prev
  prev := cap_in
  when(rise) { cap := cnt }

  when(wrap) { cmpF := true.B }.elsewhen(clr) { cmpF := false.B }
  when(rise) { capF := true.B }.elsewhen(clr) { capF := false.B }

  count := cnt
  capture := cap
  cmp_match := hit
  cmp_flag := cmpF
  cap_flag := capF
}
"""

# The bug: the counter wraps once it reaches or passes the compare value, not only when it equals it.
WRONG = (REFERENCE.replace("val wrap = advance && hit", "val wrap = advance && cnt >= cmp")
         .replace("cnt := Mux(hit, 0.U, cnt + 1.U)", "cnt := Mux(cnt >= cmp, 0.U, cnt + 1.U)"))


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    w, p = params["w"], params["p"]
    top = (1 << w) - 1
    inputs = [Port("reset", 1), Port("cmp_we", 1), Port("cmp_val", w), Port("cap_in", 1), Port("clr", 1)]
    outputs = [Port("count", w), Port("capture", w), Port("cmp_match", 1), Port("cmp_flag", 1), Port("cap_flag", 1)]
    cnt, cmp, cap, cmp_f, cap_f, prev, pre = 0, top, 0, 0, 0, 0, 0
    cap_level = 0
    rows = []
    cycles = 1500
    for cycle in range(cycles):
        reset = int(cycle == 0 or cycle == 1000)
        if rng.random() < 0.15:
            cap_level ^= 1
        we = int(rng.random() < 0.015 or cycle in (3, 1004))
        value = rng.choice([rng.randrange(top + 1), rng.randrange(8), 1, 0, max(0, cnt - 3)])
        if cycle in (3, 1004):
            value = rng.randint(5, 12)
        stim = {"reset": reset, "cmp_we": we, "cmp_val": value, "cap_in": cap_level,
                "clr": int(rng.random() < 0.1)}
        hit = cnt == cmp
        rows.append((stim, {} if cycle == 0 else {"count": cnt, "capture": cap, "cmp_match": int(hit),
                                                   "cmp_flag": cmp_f, "cap_flag": cap_f}))
        if reset:
            cnt, cmp, cap, cmp_f, cap_f, prev, pre = 0, top, 0, 0, 0, 0, 0
            continue
        advance = pre == p - 1
        pre = 0 if advance else pre + 1
        rise = cap_level and not prev
        prev = cap_level
        if rise:
            cap = cnt
        cmp_f = 1 if advance and hit else (0 if stim["clr"] else cmp_f)
        cap_f = 1 if rise else (0 if stim["clr"] else cap_f)
        if advance:
            cnt = 0 if hit else (cnt + 1) & top
        if we:
            cmp = value
    return Vectors.from_cycles(inputs, outputs, rows)


DESIGN = HardDesign(
    name="timer_capture_compare", top="CaptureCompareTimer", spec=SPEC, reference=REFERENCE, wrong=WRONG,
    golden=golden,
    variants=(Variant("w8p1", {"w": 8, "p": 1, "pre": "",
                               "tick": "The counter advances at every clock edge."}),
              Variant("w6p3", {"w": 6, "p": 3, "pre": " and the prescaler",
                               "tick": "A prescaler counts 0, 1, 2 and wraps to 0, one step per clock edge; the "
                                       "counter advances only at the edges where the prescaler shows 2, i.e. "
                                       "every third edge, the first coming 3 edges after the reset cycle's edge."})),
    seeds=(1, 2, 3), top_args="$w, $p", category="control")
