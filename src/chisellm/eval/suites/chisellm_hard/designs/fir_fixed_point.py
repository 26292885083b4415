"""A signed fixed-point FIR filter with round-half-up and saturation, advancing only on valid samples."""

from __future__ import annotations

import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design `FixedFir`, a $taps-tap FIR filter on signed $w-bit samples with signed coefficients that have $frac
fractional bits: coefficient k is c[k] / 2^$frac with c = [$coeffs] (c[0] first).

Interface (besides the implicit clock and reset):
- in_valid (input, 1), x (input, signed $w)
- out_valid (output, 1), y (output, signed $w)

The filter only advances on valid samples: in a cycle with in_valid high, x is the new sample s[n], and the
output for it is y = sum over k of c[k] * s[n-k], where s[n-1], s[n-2], ... are the previously accepted samples
(0 for samples before the first one after reset). The sum is exact (no intermediate rounding or overflow); it is
then scaled by 2^-$frac with rounding to nearest, ties toward plus infinity (that is floor((sum + 2^$frac_m1) /
2^$frac)), and saturated to the range of a signed $w-bit number. The result is registered: out_valid is high in
the cycle after each valid sample and y shows that sample's result from then on, holding it through cycles
without a valid sample (out_valid is low in those). Cycles with in_valid low change nothing else. After reset
the sample history is all zero, y is 0 and out_valid is low.
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class FixedFir extends Module {
  private val w     = $w
  private val frac  = $frac
  private val c     = Seq($coeffs)
  val in_valid  = IO(Input(Bool()))
  val x         = IO(Input(SInt(w.W)))
  val out_valid = IO(Output(Bool()))
  val y         = IO(Output(SInt(w.W)))

  val hist = RegInit(VecInit(Seq.fill(c.length - 1)(0.S(w.W))))
  private val samples = x +: hist
  private val sum = samples.zip(c).map { case (s, k) => s * k.S }.reduce(_ +& _)
  private val rounded = (sum +& (1 << (frac - 1)).S) >> frac
  private val maxV = ((1 << (w - 1)) - 1).S
  private val minV = (-(1 << (w - 1))).S
  private val sat = Mux(rounded > maxV, maxV, Mux(rounded < minV, minV, rounded))

  val yR = RegInit(0.S(w.W))
  val vR = RegInit(false.B)
  vR := in_valid
  when(in_valid) {
    yR := sat(w - 1, 0).asSInt
    hist(0) := x
    for (i <- 1 until c.length - 1) { hist(i) := hist(i - 1) }
  }
  out_valid := vR
  y := yR
}
"""

# Bug: the rounded sum is wrapped to the output width instead of saturated.
_OK = "yR := sat(w - 1, 0).asSInt"
assert _OK in REFERENCE
WRONG = REFERENCE.replace(_OK, "yR := rounded(w - 1, 0).asSInt")


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    w, frac = params["w"], params["frac"]
    c = [int(v) for v in params["coeffs"].split(", ")]
    lo, hi = -(1 << (w - 1)), (1 << (w - 1)) - 1
    inputs = [Port("reset", 1), Port("in_valid", 1), Port("x", w, signed=True)]
    outputs = [Port("out_valid", 1), Port("y", w, signed=True)]
    rows = []
    hist = [0] * (len(c) - 1)
    y, out_valid = 0, 0

    def sample(mode: int, t: int) -> int:
        if mode == 0:
            return rng.randint(lo, hi)
        if mode == 1:  # full-scale square wave: saturates both ways
            return hi if (t // 3) % 2 else lo
        if mode == 2:  # impulses show each coefficient on its own
            return rng.choice((hi, lo, 1 << (w - 2))) if t % (len(c) + 2) == 0 else 0
        return rng.randint(-40, 40)  # small values: rounding ties matter

    plan = [(1, 0, 0.0)]
    while len(plan) < 420:
        mode, p_valid = rng.randrange(4), rng.choice((1.0, 1.0, 0.6, 0.3))
        plan += [(0, mode, p_valid)] * rng.randint(10, 30)
        if rng.random() < 0.05:
            plan.append((1, 0, 0.0))
    for t, (reset, mode, p_valid) in enumerate(plan):
        ins = {"reset": reset, "in_valid": int(rng.random() < p_valid), "x": sample(mode, t)}
        if reset:
            rows.append((ins, {}))
            hist, y, out_valid = [0] * (len(c) - 1), 0, 0
            continue
        rows.append((ins, {"out_valid": out_valid, "y": y}))
        out_valid = ins["in_valid"]
        if out_valid:
            s = [ins["x"]] + hist
            total = sum(k * v for k, v in zip(c, s))
            y = min(hi, max(lo, (total + (1 << (frac - 1))) >> frac))
            hist = s[:-1]
    return Vectors.from_cycles(inputs, outputs, rows)


def _variant(name: str, w: int, frac: int, coeffs: list[int]) -> Variant:
    return Variant(name, {"w": w, "frac": frac, "frac_m1": frac - 1, "taps": len(coeffs),
                          "coeffs": ", ".join(map(str, coeffs))})


DESIGN = HardDesign(
    name="fir_fixed_point", top="FixedFir", spec=SPEC, reference=REFERENCE, wrong=WRONG, golden=golden,
    variants=(_variant("t5", 12, 14, [-3000, 9000, 20000, 9000, -3000]),
              _variant("t8", 16, 12, [517, -1300, 2048, 6150, 3001, -777, 250, -99])),
    seeds=(1, 2, 3), category="dsp")
