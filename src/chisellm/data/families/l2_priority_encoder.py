"""L2: a priority encoder with a valid flag, lowest or highest set bit first."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l1_l2_common import (
    bits_for, make_io, module_source, substitute, varied_word_vectors,
)
from chisellm.hdl.vectors import Vectors


@register
class PriorityEncoderFamily(Family):
    """`index` = position of the lowest (or highest) set bit, `valid` = any bit set; index 0 when none."""

    name = "priority_encoder"
    level = "L2"
    features = ("PriorityEncoder", "MuxCase", "when", "for loop", "Log2")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["PriorityIndex", "PrioEncoder", "FirstSetBit", "BitScanner"]),
                "io_style": rng.choice(["bundle", "flat"]), "n": rng.randint(3, 16),
                "msb_first": rng.choice([False, True])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        n = params["n"]
        return [PortSpec("req", "input", n, doc="request bits"),
                PortSpec("index", "output", bits_for(n - 1), doc="index of the winning bit"),
                PortSpec("valid", "output", 1, kind="Bool", doc="at least one request bit set")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        n, k = params["n"], bits_for(params["n"] - 1)
        which = "highest" if params["msb_first"] else "lowest"
        first = f"bit {n - 1}" if params["msb_first"] else "bit 0"
        return [
            f"A {n}-input priority encoder: `index` ({k} bits) is the position of the {which}-numbered set bit of "
            f"`req` ({first} has the highest priority) and `valid` says whether any bit of req is set. When req is 0, "
            f"index is 0 and valid is false.",
            f"Scan the {n}-bit `req` starting from {first} and output the position of the first 1 found on `index`; "
            f"`valid` = req != 0. index = 0 if no bit is set.",
            f"Priority encoding with {which}-index priority: for req != 0 output the index of its {which} set bit "
            f"and valid = 1; for req == 0 output index = 0, valid = 0.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        n, req, idx, valid = params["n"], io("req"), io("index"), io("valid")
        order = f"0 until {n}" if params["msb_first"] else f"{n - 1} to 0 by -1"
        loop = f"  {idx} := 0.U\n  for (i <- {order}) {{\n    when({req}(i)) {{ {idx} := i.U }}\n  }}\n"
        cases = f"(0 until {n})" if not params["msb_first"] else f"({n - 1} to 0 by -1)"
        muxcase = f"  {idx} := MuxCase(0.U, {cases}.map(i => {req}(i) -> i.U))\n"
        util_expr = f"Log2({req})" if params["msb_first"] else f"PriorityEncoder({req})"
        util = f"  {idx} := Mux({req}.orR, {util_expr}, 0.U)\n"
        tail = f"  {valid} := {req}.orR\n"
        name = params["module_name"]
        return {"last_connect_loop": module_source(name, io, loop + tail),
                "mux_case": module_source(name, io, muxcase + tail, util=True),
                "util": module_source(name, io, util + tail, util=True)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        n, msb = params["n"], params["msb_first"]

        def fn(v: dict[str, int]) -> dict[str, int]:
            r = v["req"]
            if r == 0:
                return {"index": 0, "valid": 0}
            return {"index": r.bit_length() - 1 if msb else (r & -r).bit_length() - 1, "valid": 1}

        return varied_word_vectors(self.ports(params), params, "req", n, fn, rng)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        n, req, valid = params["n"], io("req"), io("valid")
        ref = self.styles(params)["last_connect_loop"]
        order = f"0 until {n}" if params["msb_first"] else f"{n - 1} to 0 by -1"
        wrong = f"{n - 1} to 0 by -1" if params["msb_first"] else f"0 until {n}"
        return [substitute(ref, f"for (i <- {order})", f"for (i <- {wrong})"),
                substitute(ref, f"{valid} := {req}.orR", f"{valid} := {req}.andR")]
