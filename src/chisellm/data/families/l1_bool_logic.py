"""L1: Boolean expressions over three Bool inputs: majority, odd parity and none-set."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l1_l2_common import make_io, module_comb_vectors, module_source, substitute
from chisellm.hdl.vectors import Vectors

INPUT_NAMES = [("x", "y", "z"), ("inA", "inB", "inC"), ("p", "q", "r"), ("voteA", "voteB", "voteC")]


@register
class BoolLogic(Family):
    """`majority` = at least two inputs true, `odd` = an odd number true, `none` = no input true."""

    name = "bool_logic"
    level = "L1"
    features = ("Bool", "&&", "||", "!", "^")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["MajorityVote", "VoteLogic", "ThreeInputLogic", "BoolGates"]),
                "io_style": rng.choice(["bundle", "flat"]), "inputs": rng.choice(INPUT_NAMES)}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        return [PortSpec(n, "input", 1, kind="Bool") for n in params["inputs"]] + [
            PortSpec("majority", "output", 1, kind="Bool", doc="at least two inputs are true"),
            PortSpec("odd", "output", 1, kind="Bool", doc="an odd number of inputs are true"),
            PortSpec("none", "output", 1, kind="Bool", doc="no input is true")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        x, y, z = params["inputs"]
        return [
            f"Three Bool inputs {x}, {y}, {z}. Output `majority` (true when at least two of them are true), `odd` "
            f"(true when an odd number of them are true) and `none` (true when all three are false).",
            f"Boolean logic: majority = ({x} AND {y}) OR ({y} AND {z}) OR ({x} AND {z}); odd = {x} XOR {y} XOR {z}; "
            f"none = NOT ({x} OR {y} OR {z}).",
            "A 2-out-of-3 voter with extras: `majority` is the vote result, `odd` is the 3-input parity, `none` "
            "flags that no input is asserted.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        x, y, z = (io(n) for n in params["inputs"])
        ops = (f"  {io('majority')} := ({x} && {y}) || ({y} && {z}) || ({x} && {z})\n"
               f"  {io('odd')} := {x} ^ {y} ^ {z}\n  {io('none')} := !({x} || {y} || {z})\n")
        count = (f"  val ones = PopCount(Seq({x}, {y}, {z}))\n  {io('majority')} := ones >= 2.U\n"
                 f"  {io('odd')} := ones(0)\n  {io('none')} := ones === 0.U\n")
        return {"bool_ops": module_source(params["module_name"], io, ops),
                "popcount": module_source(params["module_name"], io, count, util=True)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        def fn(v: dict[str, int]) -> dict[str, int]:
            n = sum(v[name] for name in params["inputs"])
            return {"majority": int(n >= 2), "odd": n & 1, "none": int(n == 0)}

        return module_comb_vectors(self.ports(params), params, fn, rng)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        x, y, z = (io(n) for n in params["inputs"])
        ref = self.styles(params)["bool_ops"]
        return [substitute(ref, f"({x} && {y}) || ({y} && {z}) || ({x} && {z})", f"{x} && {y} && {z}"),
                substitute(ref, f"!({x} || {y} || {z})", f"!({x} && {y} && {z})")]
