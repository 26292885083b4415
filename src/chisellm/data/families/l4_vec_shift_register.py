"""L4: a shift register generator exposing every stage as a Vec of taps."""

from __future__ import annotations

import random
import textwrap
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, generator_note, io_block, io_ref, module_source, pick_name, random_rows,
)
from chisellm.hdl.vectors import Vectors

NAMES = ("TappedShiftRegister", "VecShiftRegister", "TapDelayLine", "ShiftRegisterTaps")


@register
class VecShiftRegisterFamily(Family):
    name = "vec_shift_register"
    level = "L4"
    features = ("Vec", "RegInit", "VecInit", "Seq.fill", "zip", "default parameters")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "width": rng.choice([4, 8]), "depth": rng.choice([2, 3, 4, 5]), "defaults": rng.random() < 0.35}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w, d = params["width"], params["depth"]
        return [PortSpec("en", "input", 1, kind="Bool", doc="shift enable"),
                PortSpec("din", "input", w, doc="value shifted in"),
                PortSpec("taps", "output", w, kind="Vec", count=d, doc="taps(0) newest ... taps(depth-1) oldest")]

    def _signature(self, params: dict[str, Any]) -> str:
        if params["defaults"]:
            return f"(width: Int = {params['width']}, depth: Int = {params['depth']})"
        return "(width: Int, depth: Int)"

    def top_args(self, params: dict[str, Any]) -> str:
        return "" if params["defaults"] else f"{params['width']}, {params['depth']}"

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w, d = params["width"], params["depth"]
        note = generator_note(params["module_name"], self._signature(params), self.top_args(params))
        return [
            f"A shift register of `depth` = {d} stages, each `width` = {w} bits, all reset synchronously to 0. On a "
            f"rising edge with `en` = 1, stage 0 takes `din` and every stage i > 0 takes the old stage i-1; with "
            f"`en` = 0 all stages hold. The Vec output `taps` shows every stage (taps(0) is stage 0).{note}",
            f"Tapped delay line generator: `taps(i)` is the value `din` had i+1 enabled shifts ago (0 after reset). "
            f"Shifts happen only on clock edges where `en` is high. depth = {d}, width = {w}.{note}",
            f"Implement a parameterized shift register built from a Vec of registers (reset value 0): shift `din` "
            f"in at index 0 when `en` is asserted and expose all {d} registers on the output Vec `taps`.{note}",
        ]

    def _source(self, params: dict[str, Any], body: str) -> str:
        io = io_block(self.ports(params), params["io_style"], {"din": "UInt(width.W)", "taps": "Vec(depth, UInt(width.W))"})
        return module_source(params["module_name"], io, body, ctor=self._signature(params), util=False)

    def _vec(self, params: dict[str, Any], reverse: bool = False, gated: bool = True) -> str:
        p = io_ref(params["io_style"])
        shift = f"stages(0) := {p}din\nfor (i <- 1 until depth) {{\n  stages(i) := stages(i - 1)\n}}\n"
        if gated:
            update = f"  when({p}en) {{\n{textwrap.indent(shift, '    ')}  }}\n"
        else:
            update = textwrap.indent(shift, "  ")
        out = f"  {p}taps := VecInit(stages.reverse)\n" if reverse else f"  {p}taps := stages\n"
        return f"  val stages = RegInit(VecInit(Seq.fill(depth)(0.U(width.W))))\n{update}{out}"

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p = io_ref(params["io_style"])
        seq = (f"  val regs = Seq.fill(depth)(RegInit(0.U(width.W)))\n"
               f"  when({p}en) {{\n    regs.head := {p}din\n"
               f"    regs.zip(regs.tail).foreach {{ case (older, newer) => newer := older }}\n  }}\n"
               f"  {p}taps := VecInit(regs)\n")
        return {"reg_vec_loop": self._source(params, self._vec(params)), "seq_of_regs_zip": self._source(params, seq)}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        return [self._source(params, self._vec(params, reverse=True)), self._source(params, self._vec(params, gated=False))]

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        d = params["depth"]
        stages: list[int | None] = [None] * d

        def step(row: Row) -> Row:
            out = {"taps": list(stages)}
            if row["reset"]:
                stages[:] = [0] * d
            elif row["en"]:
                stages[:] = [row["din"]] + stages[:-1]
            return out

        rows = random_rows(self.ports(params), rng, 220, bias={"en": 0.7})
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
