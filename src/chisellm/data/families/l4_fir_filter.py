"""L4: an FIR filter generator whose coefficients come from a Scala `Seq[Int]` constructor argument."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, generator_note, io_block, io_ref, module_source, pick_name, random_rows,
)
from chisellm.hdl.vectors import Vectors

NAMES = ("FirFilter", "DirectFormFir", "TapFilter", "ConvolutionFilter")


@register
class FirFilterFamily(Family):
    name = "fir_filter"
    level = "L4"
    features = ("Seq parameter", "zip", "map", "reduce", "ShiftRegister", "Vec", "RegInit")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        while True:
            coeffs = [rng.randint(0, 7) for _ in range(rng.randint(3, 5))]
            if coeffs != coeffs[::-1] and coeffs[0] and any(coeffs[1:]):
                break
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "width": rng.choice([4, 8]), "coeffs": coeffs}

    def _out_width(self, params: dict[str, Any]) -> int:
        return params["width"] + sum(params["coeffs"]).bit_length()

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        return [PortSpec("sample", "input", params["width"], doc="x[n], the newest sample"),
                PortSpec("valid", "input", 1, kind="Bool", doc="accept `sample` into the delay line"),
                PortSpec("out", "output", self._out_width(params), doc="filter output")]

    def top_args(self, params: dict[str, Any]) -> str:
        return f"{params['width']}, Seq({', '.join(map(str, params['coeffs']))})"

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w, c, k = params["width"], params["coeffs"], len(params["coeffs"])
        ow = self._out_width(params)
        formula = " + ".join(f"c{i}*x{i}" for i in range(k))
        note = generator_note(params["module_name"], "(width: Int, coeffs: Seq[Int])", self.top_args(params))
        return [
            f"A direct-form FIR filter with unsigned coefficients `coeffs` = {c} (constructor parameter) on "
            f"`width` = {w}-bit unsigned samples. `out` = {formula}, where x0 is the current `sample` input and x1.."
            f"x{k - 1} are the previous accepted samples, newest first, held in {k - 1} registers that reset "
            f"synchronously to 0 and shift only when `valid` is 1 (the delay line takes `sample` at that edge). "
            f"`out` is combinational and {ow} bits wide (width + log2Ceil(coeffs.sum + 1)), so it never "
            f"overflows.{note}",
            f"Generator for a {k}-tap FIR filter: tap i multiplies coeffs(i) by the sample seen i accepted samples "
            f"ago (tap 0 is the live `sample` input, taps 1..{k - 1} are registers, reset 0, advanced on `valid`). "
            f"`out` is the full-precision sum of the products, not registered. Coefficients {c}, sample width "
            f"{w}.{note}",
            f"Implement an FIR filter parameterized by the sample width and a coefficient list ({c}). Delay line of "
            f"{k - 1} registers (reset 0) updated when `valid` is high; output `out` = sum over i of coeffs(i) * "
            f"x[n-i] with x[n] = `sample`, computed combinationally at {ow} bits.{note}",
        ]

    def _source(self, params: dict[str, Any], body: str) -> str:
        io = io_block(self.ports(params), params["io_style"],
                      {"sample": "UInt(width.W)", "out": "UInt((width + log2Ceil(coeffs.sum + 1)).W)"})
        return module_source(params["module_name"], io, body, ctor="(width: Int, coeffs: Seq[Int])")

    def _vec(self, params: dict[str, Any], reverse: bool = False, live_tap: bool = True) -> str:
        p = io_ref(params["io_style"])
        cs = "coeffs.reverse" if reverse else "coeffs"
        if live_tap:
            taps = f"  val taps = {p}sample +: delay\n"
            size = "coeffs.length - 1"
        else:
            taps = "  val taps = delay\n"
            size = "coeffs.length"
        return (f"  val delay = RegInit(VecInit(Seq.fill({size})(0.U(width.W))))\n"
                f"  when({p}valid) {{\n    delay(0) := {p}sample\n"
                f"    for (i <- 1 until delay.length) {{\n      delay(i) := delay(i - 1)\n    }}\n  }}\n"
                f"{taps}"
                f"  val products = taps.zip({cs}).map {{ case (x, c) => x * c.U }}\n"
                f"  {p}out := products.reduce(_ +& _)\n")

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p = io_ref(params["io_style"])
        shift = (f"  val outWidth = width + log2Ceil(coeffs.sum + 1)\n"
                 f"  val taps = Seq.tabulate(coeffs.length) {{ i =>\n"
                 f"    if (i == 0) {p}sample else ShiftRegister({p}sample, i, 0.U(width.W), {p}valid)\n  }}\n"
                 f"  {p}out := taps.zip(coeffs).foldLeft(0.U(outWidth.W)) {{ case (acc, (x, c)) =>\n"
                 f"    acc + x * c.U\n  }}\n")
        return {"vec_delay_line": self._source(params, self._vec(params)), "shift_register_taps": self._source(params, shift)}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        return [self._source(params, self._vec(params, reverse=True)),
                self._source(params, self._vec(params, live_tap=False))]

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        coeffs = params["coeffs"]
        delay: list[int | None] = [None] * (len(coeffs) - 1)

        def step(row: Row) -> Row:
            xs = [row["sample"]] + delay
            out = {"out": None if None in xs else sum(c * x for c, x in zip(coeffs, xs))}
            if row["reset"]:
                delay[:] = [0] * len(delay)
            elif row["valid"]:
                delay[:] = [row["sample"]] + delay[:-1]
            return out

        rows = random_rows(self.ports(params), rng, 220, bias={"valid": 0.7})
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
