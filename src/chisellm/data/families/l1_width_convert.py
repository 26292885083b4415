"""L1: zero extension, sign extension and truncation of one input."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, mask, register, to_signed
from chisellm.data.families.l1_l2_common import make_io, module_comb_vectors, module_source, substitute
from chisellm.hdl.vectors import Vectors


@register
class WidthConvert(Family):
    """From an n-bit input: zero-extended, sign-extended (SInt) and truncated (low bits) copies."""

    name = "width_convert"
    level = "L1"
    features = ("width", "pad", "asSInt", "Cat", "Fill")

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        n = rng.randint(4, 10)
        return {"module_name": rng.choice(["WidthAdapter", "ExtendTruncate", "WidthConverter", "Resizer"]),
                "io_style": rng.choice(["bundle", "flat"]), "n": n, "m": rng.randint(n + 2, 16),
                "k": rng.randint(2, n - 1)}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        n, m, k = params["n"], params["m"], params["k"]
        return [PortSpec("a", "input", n, doc="value to convert"),
                PortSpec("zext", "output", m, doc="zero-extended a"),
                PortSpec("sext", "output", m, signed=True, kind="SInt", doc="sign-extended a"),
                PortSpec("low", "output", k, doc="low bits of a")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        n, m, k = params["n"], params["m"], params["k"]
        return [
            f"Given the {n}-bit unsigned input `a`, output `zext` = a zero-extended to {m} bits, `sext` = a read as "
            f"an {n}-bit two's-complement number and sign-extended to a {m}-bit SInt, and `low` = the {k} least "
            f"significant bits of a (truncation).",
            f"Widen and narrow `a` ({n} bits): `zext` ({m} bits) pads with zeros, `sext` ({m}-bit SInt) replicates "
            f"bit {n - 1} of a into the upper bits, `low` keeps a({k - 1},0).",
            f"Width conversion demo: zext = 0-padded a ({m}b), sext = sign-extended a as SInt({m}.W) (bit {n - 1} "
            f"is the sign), low = a truncated to its lower {k} bits.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io = make_io(self.ports(params), params)
        n, m, k, a = params["n"], params["m"], params["k"], io("a")
        implicit = (f"  {io('zext')} := {a}\n  {io('sext')} := {a}.asSInt\n  {io('low')} := {a}({k - 1}, 0)\n")
        pad = (f"  {io('zext')} := {a}.pad({m})\n  {io('sext')} := {a}.asSInt.pad({m})\n"
               f"  {io('low')} := {a}.tail({n - k})\n")
        cat = (f"  {io('zext')} := Cat(0.U({m - n}.W), {a})\n"
               f"  {io('sext')} := Cat(Fill({m - n}, {a}({n - 1})), {a}).asSInt\n  {io('low')} := {a}({k - 1}, 0)\n")
        name = params["module_name"]
        return {"implicit": module_source(name, io, implicit), "pad": module_source(name, io, pad),
                "cat_fill": module_source(name, io, cat, util=True)}

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        n, m, k = params["n"], params["m"], params["k"]
        return module_comb_vectors(self.ports(params), params, lambda v: {
            "zext": v["a"], "sext": to_signed(mask(to_signed(v["a"], n), m), m), "low": mask(v["a"], k)}, rng)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io = make_io(self.ports(params), params)
        n, m, k, a = params["n"], params["m"], params["k"], io("a")
        cat = self.styles(params)["cat_fill"]
        return [substitute(cat, f"Cat(Fill({m - n}, {a}({n - 1})), {a}).asSInt", f"Cat(0.U({m - n}.W), {a}).asSInt"),
                substitute(cat, f"{io('low')} := {a}({k - 1}, 0)", f"{io('low')} := {a}({n - 1}, {n - k})")]
