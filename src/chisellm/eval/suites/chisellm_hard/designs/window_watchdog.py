"""A window watchdog: kicks must land inside a window; early kicks and timeouts latch a fault with its cause."""

from __future__ import annotations

import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design `WindowWatchdog`, a window watchdog: software must kick it neither too early nor too late.

Interface (besides the implicit clock and reset):
- kick (input, 1)
- count (output, $cw), window (output, 1), fault (output, 1), cause (output, 2)

count is the number of cycles since the last good kick (or since reset): it is 0 in the first cycle after reset
and in the cycle after a good kick, and otherwise goes up by one per cycle. A kick in a cycle where count is
below $open is early; a kick where count is $open or more is good and restarts count. If count is $last in a
cycle without a kick, the watchdog times out at that clock edge (so a kick at count $last is still good, and
count never shows $timeout). An early kick or a timeout latches a fault: from the next cycle on fault is 1 and
cause is 1 for an early kick or 2 for a timeout, both held until reset; while faulted, count stays frozen at the
value it had when the fault happened and kicks are ignored. window is 1 in the cycles where a kick would be good
(no fault and count at least $open), combinational from the state. After reset fault, cause and count are 0.
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class WindowWatchdog(openAt: Int, timeout: Int) extends Module {
  val kick   = IO(Input(Bool()))
  val count  = IO(Output(UInt(log2Ceil(timeout).W)))
  val window = IO(Output(Bool()))
  val fault  = IO(Output(Bool()))
  val cause  = IO(Output(UInt(2.W)))

  val cnt    = RegInit(0.U(log2Ceil(timeout).W))
  val causeR = RegInit(0.U(2.W))
  private val faulted = causeR =/= 0.U
  private val inWindow = cnt >= openAt.U

  when(!faulted) {
    when(kick) {
      when(inWindow) { cnt := 0.U }.otherwise { causeR := 1.U }
    }.elsewhen(cnt === (timeout - 1).U) {
      causeR := 2.U
    }.otherwise {
      cnt := cnt + 1.U
    }
  }
  count  := cnt
  window := !faulted && inWindow
  fault  := faulted
  cause  := causeR
}
"""

# Bug: the window opens one cycle late (a kick at exactly the opening count counts as early).
_OK = "private val inWindow = cnt >= openAt.U"
assert _OK in REFERENCE
WRONG = REFERENCE.replace(_OK, "private val inWindow = cnt > openAt.U")


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    open_, timeout, cw = params["open"], params["timeout"], params["cw"]
    inputs = [Port("reset", 1), Port("kick", 1)]
    outputs = [Port("count", cw), Port("window", 1), Port("fault", 1), Port("cause", 2)]
    rows = []
    good = [open_, open_, open_ + 1, timeout - 1, timeout - 1]
    cnt = cause = 0
    episode = good_left = 0
    target: int | None = open_
    reset_in = 0  # cycles left until the test bench resets a faulted watchdog

    def next_target() -> int | None:
        """Good kicks (often right at the window's edges) and then, alternately, an early kick or none at all."""
        nonlocal good_left
        if good_left:
            good_left -= 1
            return rng.choice(good) if rng.random() < 0.6 else rng.randint(open_, timeout - 1)
        return rng.randint(0, open_ - 1) if episode % 2 else None

    i = 0
    while i < 30 * timeout or not rows:
        i += 1
        reset = not rows or reset_in == 1
        kick = 0 if reset else int(cnt == target or rng.random() < 0.01)
        ins = {"reset": int(reset), "kick": kick}
        if reset:
            rows.append((ins, {}))
            cnt = cause = reset_in = 0
            episode += 1
            good_left = rng.randint(0, 4)
            target = next_target()
            continue
        rows.append((ins, {"count": cnt, "window": int(not cause and cnt >= open_), "fault": int(cause != 0),
                           "cause": cause}))
        if reset_in:
            reset_in -= 1
        if not cause:
            if kick:
                if cnt >= open_:
                    cnt = 0
                    target = next_target()
                else:
                    cause = 1
            elif cnt == timeout - 1:
                cause = 2
            else:
                cnt += 1
            if cause:
                reset_in = rng.randint(2, 12)
    return Vectors.from_cycles(inputs, outputs, rows)


def _variant(open_: int, timeout: int) -> Variant:
    return Variant(f"o{open_}t{timeout}", {"open": open_, "timeout": timeout, "last": timeout - 1,
                                           "cw": (timeout - 1).bit_length()})


DESIGN = HardDesign(
    name="window_watchdog", top="WindowWatchdog", spec=SPEC, reference=REFERENCE, wrong=WRONG, golden=golden,
    variants=(_variant(5, 20), _variant(12, 40)), seeds=(1, 2, 3), top_args="$open, $timeout", category="control")
