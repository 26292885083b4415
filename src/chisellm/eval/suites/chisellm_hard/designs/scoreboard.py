"""A register scoreboard for a two-issue in-order pipeline: set on issue, clear on writeback, stall outputs."""

from __future__ import annotations

import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design the register scoreboard of a two-issue in-order pipeline with $n architectural registers (register 0 is \
hard-wired zero).

Interface: inputs `iss0_valid`, `iss1_valid` (1 bit each), `iss0_rd`, `iss0_rs1`, `iss0_rs2`, `iss1_rd`, \
`iss1_rs1`, `iss1_rs2` ($a bits each), `wb0_valid`, `wb1_valid` (1 bit each), `wb0_rd`, `wb1_rd` ($a bits each); \
outputs `stall0`, `stall1` (1 bit each), `pending` ($n bits).

The scoreboard keeps one pending bit per register; `pending` shows them (bit i for register i) as they stand at \
the start of the cycle. Register 0 is never pending and never causes a stall. Each cycle, slot 0 (the older \
instruction) and slot 1 (the younger) may each present an instruction with a destination `rd` and sources `rs1` \
and `rs2`, and up to two writebacks may each name a register whose result arrives. A writeback in a cycle counts \
already in that cycle: a register named by a valid writeback is treated as not pending by this cycle's stall \
checks. Slot 0 stalls when it is valid and any of its rs1, rs2 or rd is pending (read-after-write and \
write-after-write). Slot 1 stalls when it is valid and slot 0 stalls, or any of its rs1, rs2 or rd is pending, or \
slot 0 is valid with a nonzero rd equal to slot 1's rs1, rs2 or rd. A stall output is low when its slot is not \
valid. A slot that is valid and does not stall issues, and at the clock edge its rd (if nonzero) becomes pending; \
at the same edge, registers named by valid writebacks stop being pending, except that a register both issued \
and written back in the same cycle is pending afterwards (issue wins).

Synchronous reset clears every pending bit.
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class Scoreboard(n: Int) extends Module {
  val a = log2Ceil(n)
  val iss0_valid = IO(Input(Bool()))
  val iss0_rd = IO(Input(UInt(a.W)))
  val iss0_rs1 = IO(Input(UInt(a.W)))
  val iss0_rs2 = IO(Input(UInt(a.W)))
  val iss1_valid = IO(Input(Bool()))
  val iss1_rd = IO(Input(UInt(a.W)))
  val iss1_rs1 = IO(Input(UInt(a.W)))
  val iss1_rs2 = IO(Input(UInt(a.W)))
  val wb0_valid = IO(Input(Bool()))
  val wb0_rd = IO(Input(UInt(a.W)))
  val wb1_valid = IO(Input(Bool()))
  val wb1_rd = IO(Input(UInt(a.W)))
  val stall0 = IO(Output(Bool()))
  val stall1 = IO(Output(Bool()))
  val pending = IO(Output(UInt(n.W)))

  val pend = RegInit(0.U(n.W))
  def onehot(valid: Bool, r: UInt): UInt = Mux(valid, UIntToOH(r, n), 0.U(n.W))

  val cleared = onehot(wb0_valid, wb0_rd) | onehot(wb1_valid, wb1_rd)
  val live = pend & ~cleared & ~1.U(n.W)
  def busy(r: UInt): Bool = live(r)

  val hazard0 = busy(iss0_rs1) || busy(iss0_rs2) || busy(iss0_rd)
  val s0 = iss0_valid && hazard0
  val dep = iss0_valid && iss0_rd =/= 0.U &&
    (iss1_rs1 === iss0_rd || iss1_rs2 === iss0_rd || iss1_rd === iss0_rd)
  val hazard1 = busy(iss1_rs1) || busy(iss1_rs2) || busy(iss1_rd) || dep
  val s1 = iss1_valid && (s0 || hazard1)
  val set = onehot(iss0_valid && !s0, iss0_rd) | onehot(iss1_valid && !s1, iss1_rd)

  pend := (live | set) & ~1.U(n.W)
  stall0 := s0
  stall1 := s1
  pending := pend
}
"""

# The bug: the pairing check forgets write-after-write between the two slots.
WRONG = REFERENCE.replace("(iss1_rs1 === iss0_rd || iss1_rs2 === iss0_rd || iss1_rd === iss0_rd)",
                          "(iss1_rs1 === iss0_rd || iss1_rs2 === iss0_rd)")


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    n, a = params["n"], params["a"]
    names = ["iss0_valid", "iss0_rd", "iss0_rs1", "iss0_rs2", "iss1_valid", "iss1_rd", "iss1_rs1", "iss1_rs2",
             "wb0_valid", "wb0_rd", "wb1_valid", "wb1_rd"]
    inputs = [Port("reset", 1)] + [Port(x, 1 if x.endswith("valid") else a) for x in names]
    outputs = [Port("stall0", 1), Port("stall1", 1), Port("pending", n)]
    pend: set[int] = set()
    rows = []
    hot = [0, 1, 2, 3, n - 1]

    def reg() -> int:
        return rng.choice(hot) if rng.random() < 0.7 else rng.randrange(n)

    for cycle in range(700):
        reset = int(cycle == 0 or cycle == 350)
        stim = {x: (int(rng.random() < 0.7) if x.endswith("valid") else reg()) for x in names}
        for port in ("wb0", "wb1"):
            if pend and rng.random() < 0.6:
                stim[f"{port}_rd"] = rng.choice(sorted(pend))
            stim[f"{port}_valid"] = int(rng.random() < 0.4)
        stim["reset"] = reset
        cleared = {stim[f"{p}_rd"] for p in ("wb0", "wb1") if stim[f"{p}_valid"]}
        live = {r for r in pend if r not in cleared}
        busy = live.__contains__  # register 0 is never pending
        v0, v1 = stim["iss0_valid"], stim["iss1_valid"]
        rd0, rd1 = stim["iss0_rd"], stim["iss1_rd"]
        s0 = bool(v0) and any(busy(stim[f"iss0_{f}"]) for f in ("rs1", "rs2", "rd"))
        dep = bool(v0) and rd0 != 0 and rd0 in (stim["iss1_rs1"], stim["iss1_rs2"], rd1)
        s1 = bool(v1) and (s0 or dep or any(busy(stim[f"iss1_{f}"]) for f in ("rs1", "rs2", "rd")))
        outs = {} if cycle == 0 else {"stall0": int(s0), "stall1": int(s1),
                                      "pending": sum(1 << r for r in pend)}
        rows.append((stim, outs))
        if reset:
            pend = set()
            continue
        pend = live | {rd for rd, fire in ((rd0, v0 and not s0), (rd1, v1 and not s1)) if fire and rd}
    return Vectors.from_cycles(inputs, outputs, rows)


DESIGN = HardDesign(
    name="scoreboard", top="Scoreboard", spec=SPEC, reference=REFERENCE, wrong=WRONG, golden=golden,
    variants=(Variant("r32", {"n": 32, "a": 5}), Variant("r8", {"n": 8, "a": 3})), seeds=(1, 2, 3),
    top_args="$n", category="cpu")
