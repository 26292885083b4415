"""A branch history table of 2-bit saturating counters with a same-cycle update bypass."""

from __future__ import annotations

import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design a branch history table of $n two-bit saturating counters for a processor with $pcw-bit byte addresses \
and 4-byte instructions.

Interface: inputs `pred_pc` ($pcw bits), `upd_valid` (1 bit), `upd_pc` ($pcw bits), `upd_taken` (1 bit); \
outputs `pred_taken` (1 bit), `pred_state` (2 bits).

A program counter selects its counter by bits [$hi:2] (the two lowest bits are ignored, higher bits alias). \
Counter values are 0 strongly not-taken, 1 weakly not-taken, 2 weakly taken, 3 strongly taken; a prediction is \
taken when the counter is 2 or 3. The lookup is combinational: `pred_state` is the counter selected by \
`pred_pc` and `pred_taken` its prediction. When `upd_valid` is high, the counter selected by `upd_pc` counts up \
at the clock edge if `upd_taken` is high and down otherwise, saturating at 3 and 0. An update and a lookup of \
the same counter in the same cycle are ordered update-first: the lookup already shows the counter's new value.

Synchronous reset sets every counter to 1 (weakly not-taken).
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class Bht(n: Int, pcw: Int) extends Module {
  val k = log2Ceil(n)
  val pred_pc = IO(Input(UInt(pcw.W)))
  val upd_valid = IO(Input(Bool()))
  val upd_pc = IO(Input(UInt(pcw.W)))
  val upd_taken = IO(Input(Bool()))
  val pred_taken = IO(Output(Bool()))
  val pred_state = IO(Output(UInt(2.W)))

  val table = RegInit(VecInit(Seq.fill(n)(1.U(2.W))))
  val ui = upd_pc(k + 1, 2)
  val pi = pred_pc(k + 1, 2)
  val old = table(ui)
  val next = Mux(upd_taken, Mux(old === 3.U, 3.U, old + 1.U), Mux(old === 0.U, 0.U, old - 1.U))
  when(upd_valid) { table(ui) := next }

  val state = Mux(upd_valid && ui === pi, next, table(pi))
  pred_state := state
  pred_taken := state(1)
}
"""

# The bug: the lookup reads the table before the update (no bypass).
WRONG = REFERENCE.replace("Mux(upd_valid && ui === pi, next, table(pi))", "table(pi)")


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    n, pcw = params["n"], params["pcw"]
    inputs = [Port("reset", 1), Port("pred_pc", pcw), Port("upd_valid", 1), Port("upd_pc", pcw), Port("upd_taken", 1)]
    outputs = [Port("pred_taken", 1), Port("pred_state", 2)]
    table = [1] * n
    hot = [rng.randrange(1 << pcw) for _ in range(6)]
    bias = {pc: rng.random() for pc in hot}
    rows = []
    for cycle in range(800):
        reset = int(cycle == 0 or cycle == 500)
        upd = rng.choice(hot) if rng.random() < 0.8 else rng.randrange(1 << pcw)
        if rng.random() < 0.4:
            pred = upd ^ rng.choice([0, 1, 2, 3, n << 2, (n << 3) & ((1 << pcw) - 1)])
        else:
            pred = rng.choice(hot) if rng.random() < 0.7 else rng.randrange(1 << pcw)
        taken = int(rng.random() < bias.get(upd, 0.5))
        stim = {"reset": reset, "pred_pc": pred, "upd_valid": int(rng.random() < 0.7), "upd_pc": upd,
                "upd_taken": taken}
        ui, pi = (upd >> 2) % n, (pred >> 2) % n
        old = table[ui]
        new = min(3, old + 1) if taken else max(0, old - 1)
        state = new if stim["upd_valid"] and ui == pi else table[pi]
        rows.append((stim, {} if cycle == 0 else {"pred_taken": state >> 1, "pred_state": state}))
        if reset:
            table = [1] * n
        elif stim["upd_valid"]:
            table[ui] = new
    return Vectors.from_cycles(inputs, outputs, rows)


DESIGN = HardDesign(
    name="bht_2bit", top="Bht", spec=SPEC, reference=REFERENCE, wrong=WRONG, golden=golden,
    variants=(Variant("n16", {"n": 16, "pcw": 16, "hi": 5}), Variant("n64", {"n": 64, "pcw": 32, "hi": 7})),
    seeds=(1, 2, 3), top_args="$n, $pcw", category="cpu")
