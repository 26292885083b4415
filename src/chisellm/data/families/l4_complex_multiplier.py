"""L4: a complex multiplier over a user-defined, width-parameterized Bundle (nested ports)."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, generator_note, io_ref, module_source, pick_name, random_rows,
)
from chisellm.hdl.vectors import Vectors

NAMES = ("ComplexMultiplier", "ComplexMul", "PhasorMultiplier")


@register
class ComplexMultiplierFamily(Family):
    name = "complex_multiplier"
    level = "L4"
    features = ("custom Bundle", "parameterized Bundle", "SInt", "width growth", "bundle method")
    clocked = True

    def stateful(self, params: dict[str, Any]) -> bool:
        return False  # a `Module` (the vectors drive reset) with combinational outputs

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "width": rng.choice([4, 6, 8])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w = params["width"]
        spec = [PortSpec(f"{v}_{f}", "input", w, signed=True, kind="SInt", doc=f"{'real' if f == 're' else 'imaginary'} part of {v}")
                for v in ("a", "b") for f in ("re", "im")]
        spec += [PortSpec(f"product_{f}", "output", 2 * w + 1, signed=True, kind="SInt",
                          doc=f"{'real' if f == 're' else 'imaginary'} part of a*b") for f in ("re", "im")]
        return spec

    def _bundle(self, params: dict[str, Any]) -> str:
        return f"{params['module_name']}Value"

    def top_args(self, params: dict[str, Any]) -> str:
        return str(params["width"])

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w, bundle = params["width"], self._bundle(params)
        note = generator_note(params["module_name"], "(width: Int)", self.top_args(params))
        where = ("fields of `io`" if params["io_style"] == "bundle" else "top-level ports")
        shape = (f"Define a Bundle `class {bundle}(w: Int)` with two `SInt(w.W)` fields `re` and `im`. The inputs "
                 f"`a` and `b` are `{bundle}(width)` and the output `product` is `{bundle}(2 * width + 1)`, all "
                 f"{where} (so the Verilog ports are named a_re, a_im, b_re, b_im, product_re, product_im, with the "
                 f"`io_` prefix for a bundle).")
        return [
            f"Multiply two complex numbers with signed {w}-bit parts: product.re = a.re*b.re - a.im*b.im and "
            f"product.im = a.re*b.im + a.im*b.re, computed combinationally at full precision ({2 * w + 1} bits). "
            f"{shape}{note}",
            f"A width-parameterized complex multiplier (width = {w}). {shape} The result must not overflow for any "
            f"inputs, including the most negative values.{note}",
            f"Implement (a.re + j a.im) * (b.re + j b.im) for two's-complement parts of `width` = {w} bits; the "
            f"real and imaginary results are {2 * w + 1}-bit SInts. No registers. {shape}{note}",
        ]

    def _preamble(self, params: dict[str, Any], method: bool) -> str:
        bundle = self._bundle(params)
        body = f"class {bundle}(val w: Int) extends Bundle {{\n  val re = SInt(w.W)\n  val im = SInt(w.W)\n"
        if method:
            body += (f"\n  /** Full-precision complex product (width 2 * w + 1). */\n"
                     f"  def times(that: {bundle}): {bundle} = {{\n"
                     f"    val result = Wire(new {bundle}(2 * w + 1))\n"
                     f"    result.re := re * that.re -& im * that.im\n"
                     f"    result.im := re * that.im +& im * that.re\n    result\n  }}\n")
        return body + "}\n"

    def _io(self, params: dict[str, Any]) -> str:
        bundle = self._bundle(params)
        decls = [("a", "Input", "width"), ("b", "Input", "width"), ("product", "Output", "2 * width + 1")]
        if params["io_style"] == "flat":
            return "".join(f"  val {n} = IO({d}(new {bundle}({w})))\n" for n, d, w in decls)
        lines = "".join(f"    val {n} = {d}(new {bundle}({w}))\n" for n, d, w in decls)
        return f"  val io = IO(new Bundle {{\n{lines}  }})\n"

    def _source(self, params: dict[str, Any], body: str, method: bool = False) -> str:
        return module_source(params["module_name"], self._io(params), body, ctor="(width: Int)",
                             preamble=self._preamble(params, method), util=False)

    def _direct(self, params: dict[str, Any], re_op: str = "-&", width_cap: bool = False) -> str:
        p = io_ref(params["io_style"])
        re = f"{p}a.re * {p}b.re {re_op} {p}a.im * {p}b.im"
        im = f"{p}a.re * {p}b.im +& {p}a.im * {p}b.re"
        if width_cap:  # keeps only 2 * width bits, then sign-extends: overflows at the extremes
            re, im = f"({re})(2 * width - 1, 0).asSInt", f"({im})(2 * width - 1, 0).asSInt"
        return f"  {p}product.re := {re}\n  {p}product.im := {im}\n"

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p = io_ref(params["io_style"])
        return {"direct": self._source(params, self._direct(params)),
                "bundle_method": self._source(params, f"  {p}product := {p}a.times({p}b)\n", method=True)}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        return [self._source(params, self._direct(params, re_op="+&")),
                self._source(params, self._direct(params, width_cap=True))]

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        w = params["width"]

        def step(row: Row) -> Row:
            ar, ai, br, bi = row["a_re"], row["a_im"], row["b_re"], row["b_im"]
            return {"product_re": ar * br - ai * bi, "product_im": ar * bi + ai * br}

        rows = random_rows(self.ports(params), rng, 200, mid_reset_prob=0.0)
        low = -(1 << (w - 1))
        for row in rows[1:12]:  # the most negative parts: the only way to need all 2 * width + 1 bits
            row.update(a_re=low, a_im=low, b_re=low, b_im=low if row is rows[1] else -low - 1)
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
