"""A token-bucket rate limiter: periodic refill, weighted requests, saturation after consumption."""

from __future__ import annotations

import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design a token-bucket rate limiter with a capacity of $cap tokens that gains one token every $period cycles.

Interface: inputs `req` (1 bit), `cost` ($cb bits); outputs `grant` (1 bit), `tokens` ($tw bits).

`tokens` shows the bucket's current token count (a register). A request is granted in the same cycle, \
combinationally: `grant` is high when `req` is high and `tokens` >= `cost` (a cost of 0 is always granted; a \
cost above the capacity never is). A free-running period counter counts 0, 1, ..., $last and wraps to 0; a \
refill happens at every clock edge where it shows $last, so the first refill after reset comes $period \
edges after the reset cycle's edge. At each edge the new count is the old count, minus `cost` if granted, plus one on a refill, \
then limited to $cap: consumption is applied before the capacity limit, so a full bucket that grants a \
request of cost c and refills in the same cycle ends with $cap - c + 1 tokens. A refill this cycle is never \
visible to this cycle's grant decision.

Synchronous reset fills the bucket ($cap tokens) and sets the period counter to 0.
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class TokenBucket(cap: Int, period: Int, cb: Int) extends Module {
  val tw = log2Ceil(cap + 1)
  val req = IO(Input(Bool()))
  val cost = IO(Input(UInt(cb.W)))
  val grant = IO(Output(Bool()))
  val tokens = IO(Output(UInt(tw.W)))

  val count = RegInit(cap.U(tw.W))
  val phase = RegInit(0.U(log2Ceil(period).W))
  val refill = phase === (period - 1).U
  phase := Mux(refill, 0.U, phase + 1.U)

  val g = req && count >= cost
  val afterUse = count - Mux(g, cost, 0.U)
  val sum = afterUse +& refill.asUInt
  count := Mux(sum > cap.U, cap.U, sum)

  grant := g
  tokens := count
}
"""

# The bug: the refill is limited to the capacity before the cost is taken off.
WRONG = REFERENCE.replace("""  val afterUse = count - Mux(g, cost, 0.U)
  val sum = afterUse +& refill.asUInt
  count := Mux(sum > cap.U, cap.U, sum)""", """  val filled = count +& refill.asUInt
  val capped = Mux(filled > cap.U, cap.U, filled)
  count := capped - Mux(g, cost, 0.U)""")


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    cap, period, cb, tw = params["cap"], params["period"], params["cb"], params["tw"]
    inputs = [Port("reset", 1), Port("req", 1), Port("cost", cb)]
    outputs = [Port("grant", 1), Port("tokens", tw)]
    tokens, phase = cap, 0
    rows = []
    rate = 0.5
    resets = (0, 400, 800)
    since_reset = 0
    for cycle in range(1200):
        reset = int(cycle in resets)
        since_reset = 0 if reset else since_reset + 1
        if cycle % 60 == 0:
            rate = rng.choice([0.05, 0.3, 0.6, 0.95])
        cost = rng.choice([0, 1, 1, 2, rng.randrange(1 << cb), cap, min(cap + 1, (1 << cb) - 1)])
        req = int(rng.random() < rate)
        if since_reset <= 3 * period:
            # Directed: a full bucket that grants and refills at the same edge (consume, then limit).
            req, cost = int(phase == period - 1 and not reset), rng.randint(1, 3)
        stim = {"reset": reset, "req": req, "cost": cost}
        grant = bool(stim["req"]) and tokens >= cost
        rows.append((stim, {} if cycle == 0 else {"grant": int(grant), "tokens": tokens}))
        if reset:
            tokens, phase = cap, 0
            continue
        refill = phase == period - 1
        phase = 0 if refill else phase + 1
        tokens = min(cap, tokens - (cost if grant else 0) + int(refill))
    return Vectors.from_cycles(inputs, outputs, rows)


DESIGN = HardDesign(
    name="token_bucket", top="TokenBucket", spec=SPEC, reference=REFERENCE, wrong=WRONG, golden=golden,
    variants=(Variant("c10p3", {"cap": 10, "period": 3, "last": 2, "cb": 4, "tw": 4}),
              Variant("c100p7", {"cap": 100, "period": 7, "last": 6, "cb": 7, "tw": 7})),
    seeds=(1, 2, 3), top_args="$cap, $period, $cb", category="control")
