"""L1: the six comparison operators on unsigned or signed operands."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, corner_or_random, register
from chisellm.data.families.l1_l2_common import (
    make_io, module_comb_vectors, module_listed_vectors, module_source, substitute,
)
from chisellm.hdl.vectors import Port, Vectors


@register
class Compare(Family):
    """eq, ne, lt, le, gt, ge of a and b (UInt or SInt)."""

    name = "compare_ops"
    level = "L1"
    features = ("===", "=/=", "<", "<=", ">", ">=", "SInt")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["Comparator", "CompareUnit", "RelationalOps", "ValueCompare"]),
                "io_style": rng.choice(["bundle", "flat"]), "width": rng.randint(2, 16),
                "signed": rng.choice([False, True])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w, s = params["width"], params["signed"]
        kind = "SInt" if s else "UInt"
        outs = [("eq", "a == b"), ("ne", "a != b"), ("lt", "a < b"), ("le", "a <= b"), ("gt", "a > b"),
                ("ge", "a >= b")]
        return [PortSpec("a", "input", w, signed=s, kind=kind), PortSpec("b", "input", w, signed=s, kind=kind)] + \
               [PortSpec(n, "output", 1, kind="Bool", doc=d) for n, d in outs]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w = params["width"]
        how = "signed (two's complement, SInt)" if params["signed"] else "unsigned (UInt)"
        return [
            f"Compare two {w}-bit {how} inputs `a` and `b` and output six Bools: `eq` (a == b), `ne` (a != b), "
            f"`lt` (a < b), `le` (a <= b), `gt` (a > b) and `ge` (a >= b).",
            f"A comparator for {how} {w}-bit numbers: eq/ne test equality, lt/le/gt/ge test ordering of a "
            f"relative to b, all as Bool outputs.",
            f"Output every relation between `a` and `b` ({w} bits, {how}): eq, ne, lt, le, gt, ge, each true "
            f"exactly when the relation holds.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        a, b = io("a"), io("b")
        ops = (f"  {io('eq')} := {a} === {b}\n  {io('ne')} := {a} =/= {b}\n  {io('lt')} := {a} < {b}\n"
               f"  {io('le')} := {a} <= {b}\n  {io('gt')} := {a} > {b}\n  {io('ge')} := {a} >= {b}\n")
        derived = (f"  val same = {a} === {b}\n  val less = {a} < {b}\n  {io('eq')} := same\n  {io('ne')} := !same\n"
                   f"  {io('lt')} := less\n  {io('le')} := less || same\n  {io('gt')} := !(less || same)\n"
                   f"  {io('ge')} := !less\n")
        return {"operators": module_source(params["module_name"], io, ops),
                "derived": module_source(params["module_name"], io, derived)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        def fn(v: dict[str, int]) -> dict[str, int]:
            return {"eq": int(v["a"] == v["b"]), "ne": int(v["a"] != v["b"]), "lt": int(v["a"] < v["b"]),
                    "le": int(v["a"] <= v["b"]), "gt": int(v["a"] > v["b"]), "ge": int(v["a"] >= v["b"])}

        w, ports = params["width"], self.ports(params)
        if 2 * w <= 12:
            return module_comb_vectors(ports, params, fn, rng)
        # Wide operands: random pairs rarely tie, so a third of the rows compare a value with itself or a neighbour.
        port = Port("a", w, params["signed"])
        lo, hi = (-(1 << (w - 1)), (1 << (w - 1)) - 1) if params["signed"] else (0, (1 << w) - 1)
        stim = []
        for _ in range(300):
            a = corner_or_random(port, rng)
            b = rng.choice([corner_or_random(port, rng), corner_or_random(port, rng), a, min(a + 1, hi), max(a - 1, lo)])
            stim.append({"a": a, "b": b})
        return module_listed_vectors(ports, params, fn, stim)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        a, b = io("a"), io("b")
        ref = self.styles(params)["operators"]
        wrong_order = (f"{a}.asUInt < {b}.asUInt" if params["signed"] else f"{a}.asSInt < {b}.asSInt")
        return [substitute(ref, f"{io('le')} := {a} <= {b}", f"{io('le')} := {a} < {b}"),
                substitute(ref, f"{io('lt')} := {a} < {b}", f"{io('lt')} := {wrong_order}")]
