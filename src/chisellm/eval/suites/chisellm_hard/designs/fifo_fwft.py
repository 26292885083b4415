"""A first-word-fall-through FIFO of any depth whose full FIFO accepts a write in the cycle it is read."""

from __future__ import annotations

import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design `FwftFifo`, a first-word-fall-through FIFO of $depth words of $w bits with a show-ahead output.

Interface (besides the implicit clock and reset):
- wr_en (input, 1), din (input, $w), full (output, 1)
- rd_en (input, 1), dout (output, $w), empty (output, 1)
- count (output, $cw), almost_empty (output, 1), underflow (output, 1)

dout always shows the oldest stored word while empty is low (it is not checked while empty is high); rd_en high
removes that word at the clock edge, so a read in a cycle shows the next word (if any) in the following cycle. A
read while empty does nothing except set underflow, which stays high until reset. A write stores din unless the
FIFO is full; a write while full is still accepted when a read happens in the same cycle (the word read makes
room), otherwise it is dropped silently. A write into an empty FIFO becomes visible on dout in the next cycle
(no bypass in the same cycle), and a read and a write together in an empty FIFO perform only the write. count is
the number of stored words, full is count == $depth, empty is count == 0, and almost_empty is high while count is
1 or less (including empty). After reset the FIFO is empty and underflow is low.
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class FwftFifo(w: Int, depth: Int) extends Module {
  val wr_en        = IO(Input(Bool()))
  val din          = IO(Input(UInt(w.W)))
  val full         = IO(Output(Bool()))
  val rd_en        = IO(Input(Bool()))
  val dout         = IO(Output(UInt(w.W)))
  val empty        = IO(Output(Bool()))
  val count        = IO(Output(UInt(log2Ceil(depth + 1).W)))
  val almost_empty = IO(Output(Bool()))
  val underflow    = IO(Output(Bool()))

  // depth need not be a power of two: the pointers wrap explicitly.
  val mem = Reg(Vec(depth, UInt(w.W)))
  val rp  = RegInit(0.U(log2Ceil(depth).W))
  val wp  = RegInit(0.U(log2Ceil(depth).W))
  val n   = RegInit(0.U(log2Ceil(depth + 1).W))
  val uf  = RegInit(false.B)

  private def next(p: UInt): UInt = Mux(p === (depth - 1).U, 0.U, p + 1.U)
  private val isEmpty = n === 0.U
  private val isFull  = n === depth.U
  private val doRead  = rd_en && !isEmpty
  private val doWrite = wr_en && (!isFull || doRead)

  when(doWrite) {
    mem(wp) := din
    wp := next(wp)
  }
  when(doRead) { rp := next(rp) }
  n := n + doWrite.asUInt - doRead.asUInt
  when(rd_en && isEmpty) { uf := true.B }

  dout         := mem(rp)
  empty        := isEmpty
  full         := isFull
  count        := n
  almost_empty := n <= 1.U
  underflow    := uf
}
"""

# Bug: a write while full is dropped even when a read frees a slot in the same cycle.
_OK = "private val doWrite = wr_en && (!isFull || doRead)"
assert _OK in REFERENCE
WRONG = REFERENCE.replace(_OK, "private val doWrite = wr_en && !isFull")


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    w, depth, cw = params["w"], params["depth"], params["cw"]
    inputs = [Port("reset", 1), Port("wr_en", 1), Port("din", w), Port("rd_en", 1)]
    outputs = [Port("full", 1), Port("dout", w), Port("empty", 1), Port("count", cw), Port("almost_empty", 1),
               Port("underflow", 1)]
    rows = []
    fifo: list[int] = []
    underflow = 0
    # (p_write, p_read): fill up, drain, full with reads and writes together, near empty, balanced.
    phases = [(1.0, 0.0), (0.0, 1.0), (1.0, 1.0), (0.9, 0.5), (0.5, 0.9), (0.5, 0.5), (0.2, 0.2)]
    plan = [(1, 0.0, 0.0)]
    while len(plan) < 420:
        pw, pr = rng.choice(phases)
        plan += [(0, pw, pr)] * rng.randint(4, 16)
        if rng.random() < 0.08:
            plan.append((1, 0.0, 0.0))
    fresh = False
    for reset, pw, pr in plan:
        ins = {"reset": reset, "wr_en": int(rng.random() < pw), "din": rng.getrandbits(w),
               "rd_en": int(rng.random() < pr)}
        if fresh and (len(rows) == 1 or rng.random() < 0.6):  # directed: the first underflow comes with a write
            ins["wr_en"] = ins["rd_en"] = 1
        fresh = bool(reset)
        if reset:
            rows.append((ins, {}))
            fifo, underflow = [], 0
            continue
        n = len(fifo)
        rows.append((ins, {"full": int(n == depth), "dout": fifo[0] if fifo else None, "empty": int(n == 0),
                           "count": n, "almost_empty": int(n <= 1), "underflow": underflow}))
        read = ins["rd_en"] and n > 0
        if ins["rd_en"] and n == 0:
            underflow = 1
        write = ins["wr_en"] and (n < depth or read)
        if read:
            fifo.pop(0)
        if write:
            fifo.append(ins["din"])
    return Vectors.from_cycles(inputs, outputs, rows)


def _variant(w: int, depth: int) -> Variant:
    return Variant(f"d{depth}", {"w": w, "depth": depth, "cw": depth.bit_length()})


DESIGN = HardDesign(
    name="fifo_fwft", top="FwftFifo", spec=SPEC, reference=REFERENCE, wrong=WRONG, golden=golden,
    variants=(_variant(8, 5), _variant(16, 12)), seeds=(1, 2, 3), top_args="$w, $depth", category="memory")
