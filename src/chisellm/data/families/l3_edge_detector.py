"""L3: a rising / falling / any-edge detector with a combinational one-cycle pulse."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, io_block, io_ref, module_source, pick_name, random_rows,
)
from chisellm.hdl.vectors import Vectors

NAMES = {"rising": ("RisingEdgeDetector", "PosEdgeDetect", "RiseDetector"),
         "falling": ("FallingEdgeDetector", "NegEdgeDetect", "FallDetector"),
         "both": ("EdgeDetector", "ToggleDetector", "ChangeDetector")}
EXPR = {"rising": "{i} && !{prev}", "falling": "!{i} && {prev}", "both": "{i} =/= {prev}"}


@register
class EdgeDetectorFamily(Family):
    name = "edge_detector"
    level = "L3"
    features = ("RegNext", "RegInit", "Bool")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        edge = rng.choice(["rising", "falling", "both"])
        return {"module_name": pick_name(rng, NAMES[edge]), "io_style": rng.choice(["bundle", "flat"]), "edge": edge}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        return [PortSpec("sig", "input", 1, kind="Bool", doc="signal to watch"),
                PortSpec("pulse", "output", 1, kind="Bool", doc="one-cycle edge pulse")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        edge = params["edge"]
        what = {"rising": "a 0-to-1 transition", "falling": "a 1-to-0 transition",
                "both": "any change (0-to-1 or 1-to-0)"}[edge]
        formula = {"rising": "`sig` AND NOT prev", "falling": "NOT `sig` AND prev", "both": "`sig` XOR prev"}[edge]
        return [
            f"Detect {what} on `sig`. Keep the previous cycle's value of `sig` in a register that resets "
            f"synchronously to 0; `pulse` is combinational: {formula}. So `pulse` is high during the first cycle "
            f"in which `sig` shows its new value.",
            f"An edge detector: register `sig` once (reset value 0) and compare the register with the live "
            f"input. `pulse` = {formula}, not registered.",
            f"Output a single-cycle pulse on `pulse` whenever `sig` has {what} relative to its value in the "
            f"previous clock cycle (the stored previous value is 0 after reset). The pulse is combinational, "
            f"in the same cycle as the new input value.",
        ]

    def _source(self, params: dict[str, Any], body: str) -> str:
        return module_source(params["module_name"], io_block(self.ports(params), params["io_style"]), body, util=False)

    def _expr(self, params: dict[str, Any], edge: str) -> str:
        p = io_ref(params["io_style"])
        return EXPR[edge].format(i=f"{p}sig", prev="prev")

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p = io_ref(params["io_style"])
        regnext = f"  val prev = RegNext({p}sig, false.B)\n  {p}pulse := {self._expr(params, params['edge'])}\n"
        reginit = (f"  val prev = RegInit(false.B)\n  prev := {p}sig\n"
                   f"  {p}pulse := {self._expr(params, params['edge'])}\n")
        return {"regnext": self._source(params, regnext), "reginit": self._source(params, reginit)}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        p, edge = io_ref(params["io_style"]), params["edge"]
        other = {"rising": "falling", "falling": "rising", "both": "rising"}[edge]
        wrong_edge = f"  val prev = RegNext({p}sig, false.B)\n  {p}pulse := {self._expr(params, other)}\n"
        registered = (f"  val prev = RegNext({p}sig, false.B)\n"
                      f"  {p}pulse := RegNext({self._expr(params, edge)}, false.B)\n")
        return [self._source(params, wrong_edge), self._source(params, registered)]

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        state: dict[str, int | None] = {"prev": None}
        edge = params["edge"]

        def step(row: Row) -> Row:
            prev, sig = state["prev"], row["sig"]
            if prev is None:
                pulse = None
            else:
                pulse = {"rising": sig and not prev, "falling": prev and not sig, "both": sig != prev}[edge]
            state["prev"] = 0 if row["reset"] else sig
            return {"pulse": None if pulse is None else int(bool(pulse))}

        rows = random_rows(self.ports(params), rng, 240)
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
