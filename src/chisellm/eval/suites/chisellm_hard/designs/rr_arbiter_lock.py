"""A round-robin arbiter whose grant can be locked by its owner for multi-beat transfers."""

from __future__ import annotations

import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design `LockingRrArbiter`, a round-robin arbiter for $n requesters whose grant can be held for multi-beat
transfers.

Interface (besides the implicit clock and reset):
- req (input, $n): bit i is requester i's request
- lock (input, $n): bit i is requester i's wish to keep the grant after this cycle
- grant (output, $n): one-hot grant, all zero when nothing is requested

The grant is combinational from req and the arbiter's state. The arbiter remembers the last requester it granted
(requester $last after reset, so requester 0 has the highest priority at first). Normally it grants the first
requesting index after the last granted one, searching upward and wrapping around (last+1, last+2, ..., and the
last granted index itself comes last). Locking: if requester g is granted in a cycle with lock bit g high, the
grant is locked to g for the next cycle: if g still requests then, g is granted again whatever the others
request; if g has dropped its request, the lock is released and the search above picks the grant. A cycle where
g is granted with lock bit g low releases the lock, and a cycle with no request at all releases it too. Lock bits
of requesters that are not granted have no effect. Every grant updates the last granted requester, including a
locked one; a cycle without any grant keeps it. Reset releases any lock.
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class LockingRrArbiter(n: Int) extends Module {
  val req   = IO(Input(UInt(n.W)))
  val lock  = IO(Input(UInt(n.W)))
  val grant = IO(Output(UInt(n.W)))

  private val w = log2Ceil(n)
  val last   = RegInit((n - 1).U(w.W))
  val locked = RegInit(false.B)
  val owner  = RegInit(0.U(w.W))

  // Candidates in priority order: last+1, last+2, ..., last+n (mod n).
  val order = (1 to n).map { k =>
    val s = last +& k.U
    Mux(s >= n.U, s - n.U, s)(w - 1, 0)
  }
  val rrIdx   = PriorityMux(order.map(i => (req(i), i)))
  val holding = locked && req(owner)
  val idx     = Mux(holding, owner, rrIdx)
  val any     = req.orR

  grant := Mux(any, UIntToOH(idx, n), 0.U)
  when(any) {
    last   := idx
    owner  := idx
    locked := lock(idx)
  }.otherwise {
    locked := false.B
  }
}
"""

# Bug: the search starts at the last granted requester instead of the one after it, so a busy requester keeps winning.
_OK = "val order = (1 to n).map { k =>"
assert _OK in REFERENCE
WRONG = REFERENCE.replace(_OK, "val order = (0 until n).map { k =>")


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    n = params["n"]
    inputs = [Port("reset", 1), Port("req", n), Port("lock", n)]
    outputs = [Port("grant", n)]
    rows = []
    last, locked, owner = n - 1, 0, 0
    full = (1 << n) - 1
    forced: list[int] = []
    # (probability of each request bit, probability of each lock bit)
    phases = [(0.9, 0.0), (0.5, 0.0), (0.9, 0.7), (0.5, 0.5), (0.2, 0.3), (1.0, 0.9), (0.7, 0.2), (0.0, 0.5)]
    plan = [1]
    while len(plan) < 400:
        if rng.random() < 0.03:
            plan.append(1)
        plan += [rng.randrange(len(phases)) + 2] * rng.randint(6, 20)
    for step in plan:
        if step == 1:
            rows.append(({"reset": 1, "req": rng.getrandbits(n), "lock": full}, {}))
            last, locked, owner = n - 1, 0, 0
            continue
        p_req, p_lock = phases[step - 2]
        req = sum(1 << i for i in range(n) if rng.random() < p_req)
        lock = sum(1 << i for i in range(n) if rng.random() < p_lock)
        if locked and rng.random() < 0.25:
            req |= 1 << owner  # owners tend to keep requesting through their burst
        if forced:  # directed: a locked grant, a cycle with no request at all, then everyone requests
            req = forced.pop(0)
        elif locked and rng.random() < 0.08:
            req, forced = 0, [full]
        if locked and (req >> owner) & 1:
            idx = owner
        else:
            idx = next((i % n for i in range(last + 1, last + n + 1) if (req >> (i % n)) & 1), None)
        rows.append(({"reset": 0, "req": req, "lock": lock}, {"grant": 0 if idx is None else 1 << idx}))
        if idx is None:
            locked = 0
        else:
            last, owner, locked = idx, idx, (lock >> idx) & 1
    return Vectors.from_cycles(inputs, outputs, rows)


DESIGN = HardDesign(
    name="rr_arbiter_lock", top="LockingRrArbiter", spec=SPEC, reference=REFERENCE, wrong=WRONG, golden=golden,
    variants=(Variant("n4", {"n": 4, "last": 3}), Variant("n5", {"n": 5, "last": 4})), seeds=(1, 2, 3),
    top_args="$n", category="bus")
