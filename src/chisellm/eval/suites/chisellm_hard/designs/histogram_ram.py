"""A histogram over a stream in a SyncReadMem: clear sweep after reset, read-modify-write with forwarding."""

from __future__ import annotations

import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design a histogram unit with $n bins of $c-bit saturating counts, kept in a synchronous-read memory \
(`SyncReadMem`, one cycle read latency), that counts a stream of bin numbers and answers queries.

Interface: inputs `in_valid` (1 bit), `in_bin` ($b bits), `q_en` (1 bit), `q_bin` ($b bits); outputs \
`in_ready` (1 bit), `q_valid` (1 bit), `q_count` ($c bits).

After every reset the unit first clears its memory, one bin per cycle: `in_ready` is low for exactly the $n \
cycles after the reset cycle and high from then on. While `in_ready` is low, `in_valid` and `q_en` are ignored. \
When `in_ready` is high, a sample is taken in every cycle with `in_valid` high (no back-pressure, one sample per \
cycle, the same bin possibly in consecutive cycles) and increments its bin's count, which stops at $max. A query \
is accepted in every cycle with `q_en` and `in_ready` high; in the next cycle `q_valid` is high and `q_count` is \
the count of bin `q_bin` including every sample taken in cycles before the query's cycle, but not a sample taken \
in the query's own cycle. `q_valid` is low in all other cycles and `q_count` is only checked while `q_valid` is \
high. The counts must be exact whatever the pattern of samples and queries, so the read-modify-write of the \
memory has to handle samples of the same bin in back-to-back cycles.
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class HistogramRam(b: Int, c: Int) extends Module {
  val n = 1 << b
  val in_valid = IO(Input(Bool()))
  val in_bin = IO(Input(UInt(b.W)))
  val q_en = IO(Input(Bool()))
  val q_bin = IO(Input(UInt(b.W)))
  val in_ready = IO(Output(Bool()))
  val q_valid = IO(Output(Bool()))
  val q_count = IO(Output(UInt(c.W)))

  val mem = SyncReadMem(n, UInt(c.W))
  val clearing = RegInit(true.B)
  val clearIdx = RegInit(0.U(b.W))
  when(clearing) {
    clearIdx := clearIdx + 1.U
    when(clearIdx === (n - 1).U) { clearing := false.B }
  }

  val take = in_valid && !clearing
  val ask = q_en && !clearing
  val v1 = RegNext(take, false.B)
  val bin1 = RegNext(in_bin)
  val sampleRead = mem.read(in_bin, take)
  val q1 = RegNext(ask, false.B)
  val qbin1 = RegNext(q_bin)
  val queryRead = mem.read(q_bin, ask)

  // The write of the previous edge, which a read issued at that same edge does not see.
  val lastValid = RegInit(false.B)
  val lastBin = Reg(UInt(b.W))
  val lastCount = Reg(UInt(c.W))

  val old = Mux(lastValid && lastBin === bin1, lastCount, sampleRead)
  val bumped = Mux(old.andR, old, old + 1.U)
  val wen = clearing || v1
  when(wen) { mem.write(Mux(clearing, clearIdx, bin1), Mux(clearing, 0.U, bumped)) }
  lastValid := v1
  lastBin := bin1
  lastCount := bumped

  in_ready := !clearing
  q_valid := q1
  q_count := Mux(lastValid && lastBin === qbin1, lastCount, queryRead)
}
"""

# The bug: the count wraps past its maximum instead of stopping there. (A read-modify-write without forwarding
# is not a usable wrong answer: firtool's model of a SyncReadMem registers the read address, so a read issued at
# the edge of a write to the same address already returns the new data in simulation.)
WRONG = REFERENCE.replace("val bumped = Mux(old.andR, old, old + 1.U)", "val bumped = old + 1.U")


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    b, c = params["b"], params["c"]
    n, mx = 1 << b, (1 << c) - 1
    inputs = [Port("reset", 1), Port("in_valid", 1), Port("in_bin", b), Port("q_en", 1), Port("q_bin", b)]
    outputs = [Port("in_ready", 1), Port("q_valid", 1), Port("q_count", c)]
    hist = [0] * n
    clearing = 0  # cycles of clearing left
    q_valid, q_count = 0, 0
    hot = rng.sample(range(n), 3)
    rows = []

    def pick() -> int:
        return rng.choice(hot) if rng.random() < 0.6 else rng.randrange(n)

    for cycle in range(1600):
        reset = int(cycle == 0 or cycle == 1100)
        stim = {"reset": reset, "in_valid": int(rng.random() < 0.75), "in_bin": pick(),
                "q_en": int(rng.random() < 0.4), "q_bin": pick()}
        if rows and rng.random() < 0.4:
            stim["q_bin"] = rows[-1][0]["in_bin"]
        if rows and rng.random() < 0.3:
            stim["in_bin"] = rows[-1][0]["in_bin"]
        ready = int(clearing == 0)
        # Outputs in a reset cycle are not checked: the spec defines them only from the cycle after.
        rows.append((stim, {} if reset else {"in_ready": ready, "q_valid": q_valid,
                                                   "q_count": q_count if q_valid else None}))
        if reset:
            hist, clearing, q_valid = [0] * n, n, 0
            continue
        if not ready:
            clearing -= 1
            q_valid = 0
            continue
        q_valid = stim["q_en"]
        q_count = hist[stim["q_bin"]]
        if stim["in_valid"]:
            hist[stim["in_bin"]] = min(mx, hist[stim["in_bin"]] + 1)
    return Vectors.from_cycles(inputs, outputs, rows)


DESIGN = HardDesign(
    name="histogram_ram", top="HistogramRam", spec=SPEC, reference=REFERENCE, wrong=WRONG, golden=golden,
    variants=(Variant("b3c4", {"b": 3, "c": 4, "n": 8, "max": 15}),
              Variant("b5c6", {"b": 5, "c": 6, "n": 32, "max": 63})),
    seeds=(1, 2, 3), top_args="$b, $c", category="memory")
