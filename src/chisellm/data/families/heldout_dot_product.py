"""Held out (L4): a generator for the dot product of two Vecs. Used only in the eval set."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.util_common import clog2, comb_module_vectors, random_inputs, vname
from chisellm.hdl.vectors import Vectors


def _source(name: str, io_style: str, body: str) -> str:
    if io_style == "bundle":
        ports = ("  val io = IO(new Bundle {\n    val a   = Input(Vec(n, UInt(w.W)))\n"
                 "    val b   = Input(Vec(n, UInt(w.W)))\n    val out = Output(UInt((2 * w + log2Ceil(n)).W))\n  })")
    else:
        ports = ("  val a   = IO(Input(Vec(n, UInt(w.W))))\n  val b   = IO(Input(Vec(n, UInt(w.W))))\n"
                 "  val out = IO(Output(UInt((2 * w + log2Ceil(n)).W)))")
    return (f"import chisel3._\nimport chisel3.util._\n\nclass {name}(n: Int, w: Int) extends Module {{\n"
            f"  require(n >= 2 && w >= 1)\n{ports}\n\n{body}}}\n")


@register
class DotProduct(Family):
    """`out` = sum over k of a(k) * b(k), for a generator `class X(n: Int, w: Int)`."""

    name = "heldout_dot_product"
    level = "L4"
    features = ("constructor parameters", "Vec", "zip/map/reduce", "+&", "log2Ceil")
    held_out = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["DotProduct", "VectorMac", "InnerProduct", "WeightedSum"]),
                "io_style": rng.choice(["bundle", "flat"]), "n": rng.randrange(2, 9), "w": rng.choice([2, 3, 4, 6, 8, 12, 16])}

    def top_args(self, params: dict[str, Any]) -> str:
        return f"{params['n']}, {params['w']}"

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        n, w = params["n"], params["w"]
        return [PortSpec("a", "input", w, kind="Vec", count=n), PortSpec("b", "input", w, kind="Vec", count=n),
                PortSpec("out", "output", 2 * w + clog2(n), doc="sum of the element-wise products, no overflow")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        n, w = params["n"], params["w"]
        return [
            f"A dot-product generator parameterized by the element count `n` and width `w` (tested with n = {n}, "
            f"w = {w}): `out` = sum of a(k) * b(k) for k in 0 until n, wide enough (2*w + log2Ceil(n) bits) "
            f"never to overflow.",
            f"Multiply two Vec(n, UInt(w.W)) inputs element by element and add the products without losing "
            f"carries. The class takes `n` and `w` as constructor parameters; here n = {n}, w = {w}.",
            f"Write a parameterized inner-product module `(n: Int, w: Int)`: out = a . b over n unsigned w-bit "
            f"elements, out has 2*w + log2Ceil(n) bits (n = {n}, w = {w} in the test).",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        s, name = params["io_style"], params["module_name"]
        a, b, o = ("io.a", "io.b", "io.out") if s == "bundle" else ("a", "b", "out")
        return {
            "zip_reduce": _source(name, s, f"  {o} := ({a} zip {b}).map {{ case (x, y) => x * y }}.reduce(_ +& _)\n"),
            "fold": _source(name, s, f"  {o} := (0 until n).foldLeft(0.U)((acc, k) => acc +& {a}(k) * {b}(k))\n"),
            "tree": _source(name, s, f"  val products = VecInit(Seq.tabulate(n)(k => {a}(k) * {b}(k)))\n"
                                     f"  {o} := products.reduceTree(_ +& _)\n"),
        }

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        s, n, w = params["io_style"], params["n"], params["w"]
        specs = self.ports(params)
        stim = random_inputs(specs, s, rng, 400)
        stim += [{k: (1 << w) - 1 for k in stim[0]}]  # all maxima: the widest sum

        def fn(ins: dict[str, int]) -> dict[str, int | None]:
            a = [ins[f"{vname(s, 'a')}_{k}"] for k in range(n)]
            b = [ins[f"{vname(s, 'b')}_{k}"] for k in range(n)]
            return {vname(s, "out"): sum(x * y for x, y in zip(a, b))}

        return comb_module_vectors(specs, s, fn, stim)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        code = self.styles(params)["zip_reduce"]
        return [code.replace(".reduce(_ +& _)", ".reduce(_ + _)"),
                code.replace("x * y", "x * x"),
                code.replace(" zip ", ".init zip ").replace(").map", ").map", 1)]
