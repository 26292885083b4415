"""Util: a Valid interface delayed by a fixed latency (chisel3.util.Pipe / ShiftRegister)."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register, reset_then_random, seq_vectors
from chisellm.data.families.util_common import ref, source, swap, vname
from chisellm.hdl.vectors import Vectors


@register
class UtilPipe(Family):
    """`out` is `in` (valid and bits) delayed by `latency` cycles; valid resets to false."""

    name = "util_pipe"
    level = "Util"
    features = ("Valid", "Pipe", "ShiftRegister")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["ValidDelay", "LatencyPipe", "ValidPipeline", "DelayedValid"]),
                "io_style": rng.choice(["bundle", "flat"]), "width": rng.choice([1, 4, 8, 12, 16, 20, 32]),
                "latency": rng.choice([1, 2, 3, 4, 5, 6, 8])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w = params["width"]
        return [PortSpec("in.valid", "input", 1, kind="Bool"), PortSpec("in.bits", "input", w),
                PortSpec("out.valid", "output", 1, kind="Bool"), PortSpec("out.bits", "output", w)]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w, n = params["width"], params["latency"]
        return [
            f"Delay a `Valid(UInt({w}.W))` stream by exactly {n} clock cycles: `in` is `Flipped(Valid(...))`, "
            f"`out` is `Valid(...)`. After reset `out.valid` is false until valid data arrives.",
            f"A {n}-stage valid pipeline: whatever appears on `in` (valid flag and {w}-bit bits) shows up on "
            f"`out` {n} cycles later. The valid bits reset to 0; `out.bits` matters only when `out.valid` is true.",
            f"Use chisel3.util.Pipe (or an equivalent shift register) to give a Valid interface of {w}-bit data a "
            f"latency of {n} cycles.",
        ]

    def _decls(self, params: dict[str, Any]) -> list[tuple[str, str]]:
        w = params["width"]
        return [("in", f"Flipped(Valid(UInt({w}.W)))"), ("out", f"Valid(UInt({w}.W))")]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        s, name, n = params["io_style"], params["module_name"], params["latency"]
        i, o = ref(s, "in"), ref(s, "out")
        decls = self._decls(params)
        return {
            "pipe_apply": source(name, s, decls, f"  {o} := Pipe({i}, {n})\n"),
            "pipe_fields": source(name, s, decls, f"  {o} := Pipe({i}.valid, {i}.bits, {n})\n"),
            "shift_register": source(name, s, decls,
                                     f"  {o}.valid := ShiftRegister({i}.valid, {n}, false.B, true.B)\n"
                                     f"  {o}.bits  := ShiftRegister({i}.bits, {n})\n"),
        }

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        s, n = params["io_style"], params["latency"]
        iv, ib, ov, ob = vname(s, "in.valid"), vname(s, "in.bits"), vname(s, "out.valid"), vname(s, "out.bits")
        stages: list[tuple[int, int]] = [(0, 0)] * n  # (valid, bits), oldest last

        def model(ins: dict[str, int]) -> dict[str, int | None]:
            valid, bits = stages[-1]
            outs = {ov: valid, ob: bits if valid else None}
            if ins["reset"]:
                stages[:] = [(0, 0)] * n
            else:
                stages[:] = [(ins[iv], ins[ib])] + stages[:-1]
            return outs

        specs = self.ports(params)
        return seq_vectors(specs, s, model, reset_then_random(specs, s, rng, cycles=240, bias={iv: 0.5}))

    def mutants(self, params: dict[str, Any]) -> list[str]:
        s, n = params["io_style"], params["latency"]
        i = ref(s, "in")
        code = self.styles(params)["pipe_apply"]
        shift = self.styles(params)["shift_register"]
        return [swap(code, f"Pipe({i}, {n})", f"Pipe({i}, {n + 1})"),
                swap(code, f"Pipe({i}, {n})", f"Pipe({i}, {n - 1})"),
                swap(shift, f"ShiftRegister({i}.bits, {n})", f"ShiftRegister({i}.bits, {n + 1})")]
