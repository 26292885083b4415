"""An interrupt controller: edge-triggered pending bits, a mask, fixed per-source priorities, acknowledge by id."""

from __future__ import annotations

import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design `InterruptController` for $n edge-triggered interrupt sources with fixed priorities: source i has
priority p[i] with p = [$prio] (p[0] first; a larger number is more urgent).

Interface (besides the implicit clock and reset):
- irq (input, $n), mask (input, $n), ack (input, 1), ack_id (input, $iw)
- pending (output, $n), irq_out (output, 1), id (output, $iw)

Source i becomes pending on a rising edge of irq bit i: a cycle where the bit is 1 and was 0 in the previous
cycle (the bit counts as 0 before the first cycle after reset). The pending bit is set at that cycle's clock
edge, so it shows in pending from the next cycle on, and stays set until acknowledged: a cycle with ack high
clears pending bit ack_id at its edge (an ack_id of $n or more does nothing). If a source's rising edge and its
acknowledge fall in the same cycle, the new edge wins and the bit stays set. mask bit i enables source i; masking
does not stop a source from becoming pending, it only hides it from the request: irq_out is 1 when some source is
both pending and enabled, and id is then the most urgent of them (highest priority, the lowest index among equal
priorities), or 0 when there is none. irq_out and id are combinational from the pending bits and mask. After
reset nothing is pending.
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class InterruptController(n: Int) extends Module {
  private val iw   = log2Ceil(n)
  private val prio = Seq($prio)
  val irq     = IO(Input(UInt(n.W)))
  val mask    = IO(Input(UInt(n.W)))
  val ack     = IO(Input(Bool()))
  val ack_id  = IO(Input(UInt(iw.W)))
  val pending = IO(Output(UInt(n.W)))
  val irq_out = IO(Output(Bool()))
  val id      = IO(Output(UInt(iw.W)))

  val prev = RegInit(0.U(n.W))
  val pend = RegInit(0.U(n.W))
  prev := irq
  private val rise  = irq & ~prev
  private val clear = Mux(ack, UIntToOH(ack_id, 1 << iw)(n - 1, 0), 0.U)
  pend := (pend & ~clear) | rise

  private val active = pend & mask
  private val order  = (0 until n).sortBy(i => (-prio(i), i))
  id      := PriorityMux(order.map(i => (active(i), i.U(iw.W))) :+ (true.B, 0.U(iw.W)))
  irq_out := active.orR
  pending := pend
}
"""

# Bug: the acknowledge wins over a new edge of the same source, losing that interrupt.
_OK = "pend := (pend & ~clear) | rise"
assert _OK in REFERENCE
WRONG = REFERENCE.replace(_OK, "pend := (pend | rise) & ~clear")


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    n, iw = params["n"], params["iw"]
    prio = [int(p) for p in params["prio"].split(", ")]
    order = sorted(range(n), key=lambda i: (-prio[i], i))
    inputs = [Port("reset", 1), Port("irq", n), Port("mask", n), Port("ack", 1), Port("ack_id", iw)]
    outputs = [Port("pending", n), Port("irq_out", 1), Port("id", iw)]
    rows = []
    prev = pend = irq = 0
    mask = (1 << n) - 1
    p_toggle = 0.1
    for t in range(480):
        if t % 60 == 0:
            p_toggle = rng.choice((0.03, 0.1, 0.3))
        if rng.random() < 0.05:
            mask = rng.getrandbits(n) if rng.random() < 0.7 else (1 << n) - 1
        irq ^= sum(1 << i for i in range(n) if rng.random() < p_toggle)
        active = pend & mask
        best = next((i for i in order if (active >> i) & 1), None)
        ack, ack_id = 0, rng.randrange(1 << iw)
        if best is not None and rng.random() < 0.4:  # the CPU acknowledges what it was given
            ack, ack_id = 1, best
        elif rng.random() < 0.1:
            ack = 1
        # Directed: a pending source whose line is low rises again in the cycle it is acknowledged.
        low_pending = [i for i in range(n) if (pend >> i) & 1 and not (irq >> i) & 1 and not (prev >> i) & 1]
        if low_pending and rng.random() < 0.15:
            ack_id = rng.choice(low_pending)
            ack, irq = 1, irq | (1 << ack_id)
        reset = t == 0 or rng.random() < 0.005
        ins = {"reset": int(reset), "irq": irq, "mask": mask, "ack": ack, "ack_id": ack_id}
        if reset:
            rows.append((ins, {}))
            prev = pend = 0
            continue
        rows.append((ins, {"pending": pend, "irq_out": int(best is not None), "id": 0 if best is None else best}))
        rise = irq & ~prev
        clear = (1 << ack_id) if ack and ack_id < n else 0
        pend = (pend & ~clear) | rise
        prev = irq
    return Vectors.from_cycles(inputs, outputs, rows)


def _variant(prio: list[int]) -> Variant:
    n = len(prio)
    return Variant(f"n{n}", {"n": n, "iw": max(1, (n - 1).bit_length()), "prio": ", ".join(map(str, prio))})


DESIGN = HardDesign(
    name="interrupt_controller", top="InterruptController", spec=SPEC, reference=REFERENCE, wrong=WRONG,
    golden=golden, variants=(_variant([2, 0, 3, 1, 3, 2, 1, 0]), _variant([1, 3, 0, 3, 2, 1])), seeds=(1, 2, 3),
    top_args="$n", category="control")
