"""Held out (Util): a Decoupled stream filter that drops elements failing a predicate. Eval only."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.util_common import comb_module_vectors, random_inputs, ref, source, swap, vname
from chisellm.hdl.vectors import Vectors

PREDICATES = {  # name: (English, Chisel on `b`, Python)
    "nonzero": ("is not zero", "{b} =/= 0.U", lambda v, p: v != 0),
    "even": ("is even (bit 0 clear)", "!{b}(0)", lambda v, p: v % 2 == 0),
    "below": ("is less than {p}", "{b} < {p}.U", lambda v, p: v < p),
    "msb_set": ("has its most significant bit set", "{b}({msb})", lambda v, p: v >> p & 1 == 1),
}


@register
class StreamFilter(Family):
    """Keep elements whose bits satisfy the predicate; consume and drop the others."""

    name = "heldout_stream_filter"
    level = "Util"
    features = ("Decoupled", "fire", "combinational handshake")
    held_out = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        width = rng.choice([4, 6, 8, 12, 16])
        pred = rng.choice(sorted(PREDICATES))
        arg = rng.randrange(1, 1 << width) if pred == "below" else width - 1
        return {"module_name": rng.choice(["StreamFilter", "PacketDropper", "ValueGate", "SieveStage"]),
                "io_style": rng.choice(["bundle", "flat"]), "width": width, "predicate": pred, "arg": arg}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w = params["width"]
        return [PortSpec("in.valid", "input", 1, kind="Bool"), PortSpec("in.ready", "output", 1, kind="Bool"),
                PortSpec("in.bits", "input", w), PortSpec("out.valid", "output", 1, kind="Bool"),
                PortSpec("out.ready", "input", 1, kind="Bool"), PortSpec("out.bits", "output", w)]

    def _keep_text(self, params: dict[str, Any]) -> str:
        return PREDICATES[params["predicate"]][0].format(p=params["arg"])

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w, keep = params["width"], self._keep_text(params)
        return [
            f"A combinational filter between `in: Flipped(Decoupled(UInt({w}.W)))` and `out: Decoupled(UInt({w}.W))`: "
            f"an element whose value {keep} is passed through (out.valid = in.valid, in.ready = out.ready); any "
            f"other element is accepted and dropped (in.ready = true, out.valid = false). out.bits = in.bits.",
            f"Drop from a ready/valid stream of {w}-bit words every element that does not satisfy: value {keep}. "
            f"Kept elements flow through with ready/valid connected straight; dropped ones are consumed at once.",
            f"Stream sieve: forward `in` to `out` only when in.bits {keep}; otherwise swallow the element by "
            f"asserting `in.ready` without raising `out.valid`.",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        s, name, w = params["io_style"], params["module_name"], params["width"]
        i, o = ref(s, "in"), ref(s, "out")
        keep = PREDICATES[params["predicate"]][1].format(b=f"{i}.bits", p=params["arg"], msb=w - 1)
        decls = [("in", f"Flipped(Decoupled(UInt({w}.W)))"), ("out", f"Decoupled(UInt({w}.W))")]
        return {
            "direct": source(name, s, decls, f"  val keep = {keep}\n  {o}.bits := {i}.bits\n"
                                             f"  {o}.valid := {i}.valid && keep\n  {i}.ready := {o}.ready || !keep\n"),
            "when_drop": source(name, s, decls, f"  {o}.bits := {i}.bits\n  {o}.valid := {i}.valid\n"
                                                f"  {i}.ready := {o}.ready\n  when(!({keep})) {{\n"
                                                f"    {o}.valid := false.B\n    {i}.ready := true.B\n  }}\n"),
        }

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        s, pred, arg = params["io_style"], params["predicate"], params["arg"]
        keep_fn = PREDICATES[pred][2]
        iv, ib, ir = vname(s, "in.valid"), vname(s, "in.bits"), vname(s, "in.ready")
        ov, ob, orr = vname(s, "out.valid"), vname(s, "out.bits"), vname(s, "out.ready")

        def fn(ins: dict[str, int]) -> dict[str, int | None]:
            keep = keep_fn(ins[ib], arg)
            return {ir: int(bool(ins[orr]) or not keep), ov: int(bool(ins[iv]) and keep),
                    ob: ins[ib] if ins[iv] and keep else None}

        return comb_module_vectors(self.ports(params), s, fn, random_inputs(self.ports(params), s, rng, 300))

    def mutants(self, params: dict[str, Any]) -> list[str]:
        s = params["io_style"]
        i, o = ref(s, "in"), ref(s, "out")
        code = self.styles(params)["direct"]
        return [swap(code, f"{o}.ready || !keep", f"{o}.ready"),
                swap(code, f"{i}.valid && keep", f"{i}.valid"),
                swap(code, f"{o}.ready || !keep", f"{o}.ready || keep")]
