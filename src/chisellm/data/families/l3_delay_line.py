"""L3: a fixed-latency pipeline of registers (RegNext chain / ShiftRegister), optionally with a stall enable."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, io_block, io_ref, module_source, pick_name, random_rows,
)
from chisellm.hdl.vectors import Vectors

NAMES = ("DelayLine", "PipelineDelay", "RegisterPipeline", "LatencyStages", "DelayChain")


@register
class DelayLineFamily(Family):
    name = "delay_line"
    level = "L3"
    features = ("RegNext", "ShiftRegister", "Vec", "RegInit")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "width": rng.choice([4, 8, 16]), "stages": rng.choice([2, 3, 4]),
                "has_enable": rng.random() < 0.4}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w = params["width"]
        en = [PortSpec("en", "input", 1, kind="Bool", doc="advance the pipeline")] if params["has_enable"] else []
        return [PortSpec("in", "input", w, doc="data entering the pipeline"), *en,
                PortSpec("out", "output", w, doc="data leaving the pipeline")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        n, w = params["stages"], params["width"]
        stall = (" All stages advance only in cycles where `en` is 1; when `en` is 0 every stage holds its value."
                 if params["has_enable"] else "")
        return [
            f"Delay the {w}-bit input `in` by exactly {n} clock cycles: `out` shows the value `in` had {n} rising "
            f"edges earlier. The delay is built from {n} registers that all reset synchronously to 0.{stall}",
            f"A {n}-stage register pipeline of width {w}. Stage 1 captures `in`, each later stage captures the "
            f"previous one, and `out` is the last stage. Every stage resets to 0.{stall}",
            f"Implement a {n}-cycle latency line: `out` = `in` delayed by {n} cycles, with zeros coming out after "
            f"a reset until the pipeline refills.{stall}",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        io, p, name = io_block(self.ports(params), params["io_style"]), io_ref(params["io_style"]), params["module_name"]
        n, w = params["stages"], params["width"]
        zero = f"0.U({w}.W)"
        if params["has_enable"]:
            chain = f"  val stage1 = RegEnable({p}in, {zero}, {p}en)\n" + "".join(
                f"  val stage{i} = RegEnable(stage{i - 1}, {zero}, {p}en)\n" for i in range(2, n + 1))
            util = f"  {p}out := ShiftRegister({p}in, {n}, {zero}, {p}en)\n"
            vec = (f"  val pipe = RegInit(VecInit(Seq.fill({n})({zero})))\n"
                   f"  when({p}en) {{\n    pipe(0) := {p}in\n    for (i <- 1 until {n}) {{\n"
                   f"      pipe(i) := pipe(i - 1)\n    }}\n  }}\n  {p}out := pipe({n - 1})\n")
        else:
            chain = f"  val stage1 = RegNext({p}in, {zero})\n" + "".join(
                f"  val stage{i} = RegNext(stage{i - 1}, {zero})\n" for i in range(2, n + 1))
            util = f"  {p}out := ShiftRegister({p}in, {n}, {zero}, true.B)\n"
            vec = (f"  val pipe = RegInit(VecInit(Seq.fill({n})({zero})))\n  pipe(0) := {p}in\n"
                   f"  for (i <- 1 until {n}) {{\n    pipe(i) := pipe(i - 1)\n  }}\n  {p}out := pipe({n - 1})\n")
        chain += f"  {p}out := stage{n}\n"
        return {"register_chain": module_source(name, io, chain), "shift_register_util": module_source(name, io, util),
                "register_vec": module_source(name, io, vec)}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        io, p, name = io_block(self.ports(params), params["io_style"]), io_ref(params["io_style"]), params["module_name"]
        n, w = params["stages"], params["width"]
        en = f"{p}en" if params["has_enable"] else "true.B"
        return [module_source(name, io, f"  {p}out := ShiftRegister({p}in, {n - 1}, 0.U({w}.W), {en})\n"),
                module_source(name, io, f"  {p}out := ShiftRegister({p}in, {n + 1}, 0.U({w}.W), {en})\n")]

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        n = params["stages"]
        pipe: list[int | None] = [None] * n

        def step(row: Row) -> Row:
            out = {"out": pipe[-1]}
            if row["reset"]:
                pipe[:] = [0] * n
            elif row.get("en", 1):
                pipe[:] = [row["in"]] + pipe[:-1]
            return out

        rows = random_rows(self.ports(params), rng, 240, bias={"en": 0.7})
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
