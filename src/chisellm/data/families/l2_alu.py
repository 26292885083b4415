"""L2: a small ALU selected by an opcode, with a zero flag."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, mask, register
from chisellm.data.families.l1_l2_common import bits_for, make_io, module_comb_vectors, module_source, substitute
from chisellm.hdl.vectors import Vectors

# op name -> (description, Chisel expression template over a, b, w, s (shift amount bits))
OPS: dict[str, tuple[str, str]] = {
    "ADD": ("a + b, wrapping to the data width", "{a} + {b}"),
    "SUB": ("a - b, wrapping to the data width", "{a} - {b}"),
    "AND": ("bitwise a AND b", "{a} & {b}"),
    "OR": ("bitwise a OR b", "{a} | {b}"),
    "XOR": ("bitwise a XOR b", "{a} ^ {b}"),
    "SLTU": ("1 if a < b (unsigned) else 0", "({a} < {b}).asUInt"),
    "SLL": ("a shifted left by the low {s} bits of b, keeping the low {w} bits", "({a} << {b}({s1}, 0))({w1}, 0)"),
    "SRL": ("a shifted right (logical) by the low {s} bits of b", "{a} >> {b}({s1}, 0)"),
}


def _model(op: str, a: int, b: int, w: int) -> int:
    sh = b & (w - 1)
    return mask({"ADD": a + b, "SUB": a - b, "AND": a & b, "OR": a | b, "XOR": a ^ b, "SLTU": int(a < b),
                 "SLL": a << sh, "SRL": a >> sh}[op], w)


@register
class Alu(Family):
    """`result` = the operation `op` selects on a and b; `zero` = result is 0."""

    name = "alu"
    level = "L2"
    features = ("switch", "is", "MuxLookup", "opcode", "ALU")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        count = rng.choice([4, 8])
        ops = ["ADD", "SUB", "AND", "OR"] if count == 4 else list(OPS)
        if rng.random() < 0.5:
            rng.shuffle(ops)
        return {"module_name": rng.choice(["SimpleAlu", "MiniAlu", "ArithLogicUnit", "TinyAlu"]),
                "io_style": rng.choice(["bundle", "flat"]), "width": rng.choice([4, 8, 16]), "ops": ops}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w, n = params["width"], len(params["ops"])
        return [PortSpec("op", "input", bits_for(n - 1), doc="operation code"),
                PortSpec("a", "input", w), PortSpec("b", "input", w),
                PortSpec("result", "output", w), PortSpec("zero", "output", 1, kind="Bool", doc="result == 0")]

    def _table(self, params: dict[str, Any]) -> str:
        w = params["width"]
        s = bits_for(w - 1)
        return "; ".join(f"{i} = {op}: {OPS[op][0].format(s=s, w=w)}" for i, op in enumerate(params["ops"]))

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w, k = params["width"], bits_for(len(params["ops"]) - 1)
        table = self._table(params)
        return [
            f"A {w}-bit ALU. The {k}-bit opcode `op` selects the operation on the unsigned inputs `a` and `b`: "
            f"{table}. `result` is {w} bits and `zero` is true when result is 0.",
            f"Implement an ALU whose output `result` ({w} bits) depends on `op`: {table}. Also output `zero` = "
            f"(result == 0).",
            f"Opcode-driven arithmetic/logic unit over {w}-bit operands a, b. Operation encoding: {table}. Flag "
            f"`zero` when the {w}-bit result is all zeros.",
        ]

    def _expr(self, params: dict[str, Any], op: str) -> str:
        io, w = make_io(self.ports(params), params), params["width"]
        s = bits_for(w - 1)
        return OPS[op][1].format(a=io("a"), b=io("b"), s1=s - 1, w1=w - 1)

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io, w = make_io(self.ports(params), params), params["width"]
        op = io("op")
        cases = "\n".join(f"    is({i}.U) {{ res := {self._expr(params, o)} }}" for i, o in enumerate(params["ops"]))
        switch = (f"  val res = WireDefault(0.U({w}.W))\n  switch({op}) {{\n{cases}\n  }}\n"
                  f"  {io('result')} := res\n  {io('zero')} := res === 0.U\n")
        pairs = ",\n".join(f"    {i}.U -> ({self._expr(params, o)})" for i, o in enumerate(params["ops"]))
        lookup = (f"  val res = MuxLookup({op}, 0.U)(Seq(\n{pairs}\n  ))\n"
                  f"  {io('result')} := res\n  {io('zero')} := {io('result')} === 0.U\n")
        name = params["module_name"]
        return {"switch_is": module_source(name, io, switch, util=True),
                "mux_lookup": module_source(name, io, lookup, util=True)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        w, ops = params["width"], params["ops"]

        def fn(v: dict[str, int]) -> dict[str, int]:
            r = _model(ops[v["op"]], v["a"], v["b"], w)
            return {"result": r, "zero": int(r == 0)}

        return module_comb_vectors(self.ports(params), params, fn, rng, random_count=500)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        ref = self.styles(params)["switch_is"]
        ops = params["ops"]
        i, j = ops.index("ADD"), ops.index("SUB")
        sub_swapped = substitute(ref, f"is({j}.U) {{ res := {io('a')} - {io('b')} }}",
                                 f"is({j}.U) {{ res := {io('b')} - {io('a')} }}")
        add_sub = substitute(substitute(ref, f"is({i}.U) {{ res := {io('a')} + {io('b')} }}",
                                        f"is({i}.U) {{ res := {io('a')} - {io('b')} }}"),
                             f"is({j}.U) {{ res := {io('a')} - {io('b')} }}",
                             f"is({j}.U) {{ res := {io('a')} + {io('b')} }}")
        zero = substitute(ref, f"{io('zero')} := res === 0.U", f"{io('zero')} := res =/= 0.U")
        return [sub_swapped, add_sub, zero]
