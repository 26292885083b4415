"""L3: a running maximum or minimum tracker (signed or unsigned) with valid and clear."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, io_block, io_ref, module_source, pick_name, random_rows,
)
from chisellm.hdl.vectors import Vectors

NAMES = {"max": ("RunningMax", "PeakTracker", "MaxHold"), "min": ("RunningMin", "MinimumTracker", "MinHold")}


@register
class RunningExtremeFamily(Family):
    name = "running_extreme"
    level = "L3"
    features = ("RegInit", "when", "SInt", "comparison")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        kind = rng.choice(["max", "min"])
        return {"module_name": pick_name(rng, NAMES[kind]), "io_style": rng.choice(["bundle", "flat"]),
                "kind": kind, "width": rng.choice([4, 8, 12]), "signed": rng.random() < 0.5}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w, s = params["width"], params["signed"]
        kind = "SInt" if s else "UInt"
        return [PortSpec("sample", "input", w, signed=s, kind=kind, doc="new sample"),
                PortSpec("valid", "input", 1, kind="Bool", doc="`sample` is valid this cycle"),
                PortSpec("clear", "input", 1, kind="Bool", doc="restart tracking"),
                PortSpec("extreme", "output", w, signed=s, kind=kind, doc=f"running {params['kind']}")]

    def _identity(self, params: dict[str, Any]) -> int:
        w, s = params["width"], params["signed"]
        lo, hi = (-(1 << (w - 1)), (1 << (w - 1)) - 1) if s else (0, (1 << w) - 1)
        return lo if params["kind"] == "max" else hi

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w, kind, ident = params["width"], params["kind"], self._identity(params)
        num = "signed (two's complement)" if params["signed"] else "unsigned"
        word = "largest" if kind == "max" else "smallest"
        return [
            f"Track the running {kind}imum of {w}-bit {num} samples. Register `extreme` resets synchronously to "
            f"{ident}. At a rising edge: if `clear` is 1 it returns to {ident} (clear has priority); else if "
            f"`valid` is 1 and `sample` is {'greater' if kind == 'max' else 'less'} than `extreme` it takes "
            f"`sample`; otherwise it holds.",
            f"A {kind}-hold register: `extreme` is the {word} valid `sample` seen since the last reset or `clear` "
            f"({num} comparison), starting from {ident}. The output is the register, updated at the clock edge.",
            f"Implement a peak detector for {num} {w}-bit data: on each valid sample, `extreme` := "
            f"{kind}(`extreme`, `sample`); `clear` (higher priority than `valid`) and reset set it to {ident}.",
        ]

    def _source(self, params: dict[str, Any], body: str) -> str:
        return module_source(params["module_name"], io_block(self.ports(params), params["io_style"]), body, util=False)

    def _lit(self, params: dict[str, Any], value: int) -> str:
        w = params["width"]
        return f"({value}).S({w}.W)" if params["signed"] else f"{value}.U({w}.W)"

    def _body(self, params: dict[str, Any], op: str, ident: int) -> str:
        p = io_ref(params["io_style"])
        init = self._lit(params, ident)
        return (f"  val best = RegInit({init})\n"
                f"  when({p}clear) {{\n    best := {init}\n"
                f"  }}.elsewhen({p}valid && {p}sample {op} best) {{\n    best := {p}sample\n  }}\n"
                f"  {p}extreme := best\n")

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p = io_ref(params["io_style"])
        op = ">" if params["kind"] == "max" else "<"
        init = self._lit(params, self._identity(params))
        mux = (f"  val best = RegInit({init})\n"
               f"  val better = Mux({p}sample {op} best, {p}sample, best)\n"
               f"  best := Mux({p}clear, {init}, Mux({p}valid, better, best))\n"
               f"  {p}extreme := best\n")
        return {"when_chain": self._source(params, self._body(params, op, self._identity(params))),
                "mux_select": self._source(params, mux)}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        op = ">" if params["kind"] == "max" else "<"
        flipped = "<" if op == ">" else ">"
        wrong_init = 0 if self._identity(params) != 0 else (1 << (params["width"] - 1)) - 1
        return [self._source(params, self._body(params, flipped, self._identity(params))),
                self._source(params, self._body(params, op, wrong_init))]

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        ident = self._identity(params)
        pick = max if params["kind"] == "max" else min
        state: dict[str, int | None] = {"best": None}

        def step(row: Row) -> Row:
            out = {"extreme": state["best"]}
            if row["reset"] or row["clear"]:
                state["best"] = ident
            elif row["valid"] and state["best"] is not None:
                state["best"] = pick(state["best"], row["sample"])
            return out

        rows = random_rows(self.ports(params), rng, 250, bias={"valid": 0.5, "clear": 0.04})
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
