"""Complementary PWM with a dead time between the high- and low-side outputs, duty latched per period."""

from __future__ import annotations

import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design `PwmDeadTime`, a complementary PWM for a half bridge with a period of $period clock cycles and a dead time
of $dead cycles.

Interface (besides the implicit clock and reset):
- duty (input, $dw): requested high-side on-time per period, in cycles
- out_h (output, 1), out_l (output, 1): the high-side and low-side gate drives

A counter runs 0, 1, ..., $period_m1, 0, ... (0 in the first cycle after reset). The duty in use is a register
loaded from duty at each clock edge where the counter wraps from $period_m1 to 0, so a new duty takes effect at the
start of the next period; it is 0 after reset. In each cycle the raw PWM level is 1 when the counter is below the
duty in use (so duty 0 keeps it at 0 and any duty of $period or more keeps it at 1). The outputs follow the raw
level with a dead time: out_h is 1 only in cycles where the raw level is 1 and has been 1 in each of the $dead
cycles before as well; out_l likewise for a raw level of 0. So after every change of the raw level both outputs
are 0 for $dead cycles, a level that lasts $dead cycles or fewer never turns its output on, and the two outputs
are never 1 together. Counting starts from reset: in the first cycle after reset the raw level counts as having
just begun, so out_l is 0 in the first $dead cycles after reset and can turn on in the cycle after those.
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class PwmDeadTime(period: Int, dead: Int, dw: Int) extends Module {
  val duty  = IO(Input(UInt(dw.W)))
  val out_h = IO(Output(Bool()))
  val out_l = IO(Output(Bool()))

  val cnt    = RegInit(0.U(log2Ceil(period).W))
  val active = RegInit(0.U(dw.W))
  private val wrap = cnt === (period - 1).U
  cnt := Mux(wrap, 0.U, cnt + 1.U)
  when(wrap) { active := duty }

  private val raw = cnt < active
  // age: how many cycles, this one included, the raw level has held (saturating at dead + 1).
  val prev = RegInit(false.B)
  val age  = RegInit(0.U(log2Ceil(dead + 2).W))
  private val run = Mux(raw =/= prev, 1.U, Mux(age === (dead + 1).U, age, age + 1.U))
  prev := raw
  age  := run

  out_h := raw && run > dead.U
  out_l := !raw && run > dead.U
}
"""

# Bug: the dead time is one cycle short.
_OK = "out_h := raw && run > dead.U\n  out_l := !raw && run > dead.U"
assert _OK in REFERENCE
WRONG = REFERENCE.replace(_OK, "out_h := raw && run >= dead.U\n  out_l := !raw && run >= dead.U")


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    period, dead, dw = params["period"], params["dead"], params["dw"]
    inputs = [Port("reset", 1), Port("duty", dw)]
    outputs = [Port("out_h", 1), Port("out_l", 1)]
    specials = [0, 1, dead, dead + 1, period - dead - 1, period - dead, period - 1, period, (1 << dw) - 1]
    rows = [({"reset": 1, "duty": rng.getrandbits(dw)}, {})]
    cnt = active = 0
    prev, age = 0, 0
    duty = 0
    for i in range(40 * period):
        if rng.random() < 0.15:  # duty changes at arbitrary cycles; only the value at a wrap counts
            duty = rng.choice(specials) if rng.random() < 0.5 else rng.getrandbits(dw)
        if i > 0 and rng.random() < 0.003:
            rows.append(({"reset": 1, "duty": duty}, {}))
            cnt = active = prev = age = 0
            continue
        raw = int(cnt < active)
        run = 1 if raw != prev else min(age + 1, dead + 1)
        rows.append(({"reset": 0, "duty": duty}, {"out_h": int(raw and run > dead), "out_l": int(not raw and run > dead)}))
        prev, age = raw, run
        if cnt == period - 1:
            cnt, active = 0, duty
        else:
            cnt += 1
    return Vectors.from_cycles(inputs, outputs, rows)


def _variant(period: int, dead: int, dw: int) -> Variant:
    return Variant(f"p{period}d{dead}", {"period": period, "period_m1": period - 1, "dead": dead, "dw": dw})


DESIGN = HardDesign(
    name="pwm_deadtime", top="PwmDeadTime", spec=SPEC, reference=REFERENCE, wrong=WRONG, golden=golden,
    variants=(_variant(10, 2, 4), _variant(16, 3, 5)), seeds=(1, 2, 3), top_args="$period, $dead, $dw",
    category="control")
