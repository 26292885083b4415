"""A credit-based receive FIFO: no ready to the sender, credits returned one cycle after each word leaves."""

from __future__ import annotations

import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design `CreditFifo`, the receive FIFO of a credit-based link: $depth entries of $w bits. The sender has no ready
signal; it starts with $depth credits, spends one per word and gets one back for every word that leaves the FIFO.

Interface (besides the implicit clock and reset):
- in_valid (input, 1), in_data (input, $w): a word arrives in every cycle in_valid is high
- out_valid (output, 1), out_ready (input, 1), out_data (output, $w): the consumer side, a word leaves in a cycle
  where out_valid and out_ready are both high
- count (output, $cw): number of words held
- almost_full (output, 1), credit (output, 1), overflow (output, 1)

The FIFO is first-word-fall-through: out_valid is high whenever count is non-zero and out_data is then the oldest
word (out_data is not checked while out_valid is low). A word arriving into an empty FIFO shows on the output
from the next cycle on, not in the cycle it arrives. A word arriving while fewer than $depth words are held is
stored, also in a cycle where a word leaves. Fullness is judged on the count at the start of the cycle: a word
that arrives while $depth words are held is dropped, even if a word leaves in the same cycle, and it sets
overflow, which then stays high until reset. almost_full is high while count is $af or more. credit is a
registered pulse: it is high for one cycle, the cycle after each cycle in which a word left. All of count,
almost_full, credit and overflow are 0 after reset and the FIFO is empty.
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class CreditFifo(w: Int, depth: Int, af: Int) extends Module {
  val in_valid    = IO(Input(Bool()))
  val in_data     = IO(Input(UInt(w.W)))
  val out_valid   = IO(Output(Bool()))
  val out_ready   = IO(Input(Bool()))
  val out_data    = IO(Output(UInt(w.W)))
  val count       = IO(Output(UInt(log2Ceil(depth + 1).W)))
  val almost_full = IO(Output(Bool()))
  val credit      = IO(Output(Bool()))
  val overflow    = IO(Output(Bool()))

  val mem   = Reg(Vec(depth, UInt(w.W)))
  val head  = RegInit(0.U(log2Ceil(depth).W))
  val tail  = RegInit(0.U(log2Ceil(depth).W))
  val n     = RegInit(0.U(log2Ceil(depth + 1).W))
  val ovf   = RegInit(false.B)
  val credR = RegInit(false.B)

  def next(p: UInt): UInt = Mux(p === (depth - 1).U, 0.U, p + 1.U)

  val full = n === depth.U
  val push = in_valid && !full
  val pop  = out_ready && n =/= 0.U

  when(push) {
    mem(tail) := in_data
    tail := next(tail)
  }
  when(pop) { head := next(head) }
  n := n + push.asUInt - pop.asUInt
  when(in_valid && full) { ovf := true.B }
  credR := pop

  out_valid   := n =/= 0.U
  out_data    := mem(head)
  count       := n
  almost_full := n >= af.U
  credit      := credR
  overflow    := ovf
}
"""

# Bug: the almost-full threshold is off by one.
_OK = "almost_full := n >= af.U"
assert _OK in REFERENCE
WRONG = REFERENCE.replace(_OK, "almost_full := n > af.U")


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    w, depth, af, cw = params["w"], params["depth"], params["af"], params["cw"]
    inputs = [Port("reset", 1), Port("in_valid", 1), Port("in_data", w), Port("out_ready", 1)]
    outputs = [Port("out_valid", 1), Port("out_data", w), Port("count", cw), Port("almost_full", 1),
               Port("credit", 1), Port("overflow", 1)]
    rows = []
    fifo: list[int] = []
    credit = overflow = 0
    credits = depth  # the sender's view
    # (p_send, p_ready, obeys credits, cycles): a sender that respects credits most of the time.
    phases = [(1.0, 0.0, True), (1.0, 1.0, True), (0.0, 1.0, True), (0.8, 0.3, True), (0.4, 0.8, True),
              (0.9, 0.6, True), (1.0, 0.2, False), (0.6, 0.5, False)]
    plan = [(1, phases[0])]
    while len(plan) < 420:
        phase = rng.choice(phases)
        if not phase[2] and rng.random() < 0.5:
            phase = phases[rng.randrange(6)]
        if rng.random() < 0.03:
            plan.append((1, phase))
        plan += [(0, phase)] * rng.randint(5, 20)
        if rng.random() < 0.12:  # directed: a sender ignoring credits fills the FIFO, then pushes while it drains
            plan += [(0, (1.0, 0.0, False))] * (depth + 2) + [(0, (1.0, 0.5, False))] * rng.randint(6, 12)
    for reset, (p_send, p_ready, obeys) in plan:
        send = rng.random() < p_send and (credits > 0 or not obeys)
        ins = {"reset": reset, "in_valid": int(send), "in_data": rng.getrandbits(w),
               "out_ready": int(rng.random() < p_ready)}
        if reset:
            rows.append((ins, {}))
            fifo, credit, overflow, credits = [], 0, 0, depth
            continue
        rows.append((ins, {"out_valid": int(bool(fifo)), "out_data": fifo[0] if fifo else None, "count": len(fifo),
                           "almost_full": int(len(fifo) >= af), "credit": credit, "overflow": overflow}))
        credits += credit
        if send:
            credits = max(0, credits - 1)
        full = len(fifo) == depth
        popped = bool(fifo) and ins["out_ready"]
        if popped:
            fifo.pop(0)
        if send and full:
            overflow = 1
        elif send:
            fifo.append(ins["in_data"])
        credit = int(popped)
    return Vectors.from_cycles(inputs, outputs, rows)


def _variant(name: str, w: int, depth: int, af: int) -> Variant:
    return Variant(name, {"w": w, "depth": depth, "af": af, "cw": depth.bit_length()})


DESIGN = HardDesign(
    name="fifo_credit", top="CreditFifo", spec=SPEC, reference=REFERENCE, wrong=WRONG, golden=golden,
    variants=(_variant("d6", 8, 6, 4), _variant("d16", 12, 16, 12)), seeds=(1, 2, 3), top_args="$w, $depth, $af",
    category="stream")
