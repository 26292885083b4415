"""A 4-entry fully associative TLB with in-place refill, invalid-first then round-robin replacement, flush."""

from __future__ import annotations

import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design a 4-entry fully associative TLB that maps $v-bit virtual page numbers to $p-bit physical page numbers.

Interface: inputs `lookup_vpn` ($v bits), `fill_valid` (1 bit), `fill_vpn` ($v bits), `fill_ppn` ($p bits), \
`flush` (1 bit); outputs `hit` (1 bit), `ppn` ($p bits), `hit_index` (2 bits).

Each entry has a valid bit, a VPN and a PPN. The lookup is combinational over the entries as they stand at the \
start of the cycle (a fill in the same cycle is not yet visible): `hit` is high when a valid entry holds \
`lookup_vpn`, `ppn` is its PPN and `hit_index` its entry number; on a miss `ppn` and `hit_index` are 0. When \
`fill_valid` is high, at the clock edge: if a valid entry already holds `fill_vpn`, its PPN is replaced (there \
are never two valid entries with the same VPN); otherwise, if some entry is invalid, the lowest-numbered invalid \
entry is written and becomes valid; otherwise the entry named by a 2-bit victim pointer is overwritten and the \
pointer advances by one (wrapping from 3 to 0). The pointer changes only in that last case. `flush` high at an \
edge invalidates every entry and sets the victim pointer to 0, and takes priority over a fill in the same cycle.

Synchronous reset has the effect of a flush.
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class Tlb4(v: Int, p: Int) extends Module {
  val lookup_vpn = IO(Input(UInt(v.W)))
  val fill_valid = IO(Input(Bool()))
  val fill_vpn = IO(Input(UInt(v.W)))
  val fill_ppn = IO(Input(UInt(p.W)))
  val flush = IO(Input(Bool()))
  val hit = IO(Output(Bool()))
  val ppn = IO(Output(UInt(p.W)))
  val hit_index = IO(Output(UInt(2.W)))

  val valid = RegInit(VecInit(Seq.fill(4)(false.B)))
  val vpns = Reg(Vec(4, UInt(v.W)))
  val ppns = Reg(Vec(4, UInt(p.W)))
  val victim = RegInit(0.U(2.W))

  val lookHits = VecInit((0 until 4).map(i => valid(i) && vpns(i) === lookup_vpn))
  hit := lookHits.asUInt.orR
  hit_index := Mux(hit, OHToUInt(lookHits.asUInt), 0.U)
  ppn := Mux(hit, Mux1H(lookHits, ppns), 0.U)

  val fillHits = VecInit((0 until 4).map(i => valid(i) && vpns(i) === fill_vpn))
  val anyInvalid = !valid.asUInt.andR
  val firstInvalid = PriorityEncoder(~valid.asUInt)

  when(flush) {
    valid.foreach(_ := false.B)
    victim := 0.U
  }.elsewhen(fill_valid) {
    when(fillHits.asUInt.orR) {
      ppns(OHToUInt(fillHits.asUInt)) := fill_ppn
    }.elsewhen(anyInvalid) {
      valid(firstInvalid) := true.B
      vpns(firstInvalid) := fill_vpn
      ppns(firstInvalid) := fill_ppn
    }.otherwise {
      vpns(victim) := fill_vpn
      ppns(victim) := fill_ppn
      victim := victim + 1.U
    }
  }
}
"""

# The bug: a refill of a VPN already present takes a new entry instead of updating in place, and the lookup then
# prefers the lowest-numbered (stale) match.
WRONG = (REFERENCE
         .replace("when(fillHits.asUInt.orR) {\n      ppns(OHToUInt(fillHits.asUInt)) := fill_ppn\n    }.elsewhen(anyInvalid) {",
                  "when(anyInvalid) {")
         .replace("OHToUInt(lookHits.asUInt)", "PriorityEncoder(lookHits.asUInt)")
         .replace("Mux1H(lookHits, ppns)", "ppns(PriorityEncoder(lookHits.asUInt))"))


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    v, p = params["v"], params["p"]
    inputs = [Port("reset", 1), Port("lookup_vpn", v), Port("fill_valid", 1), Port("fill_vpn", v),
              Port("fill_ppn", p), Port("flush", 1)]
    outputs = [Port("hit", 1), Port("ppn", p), Port("hit_index", 2)]
    pool = rng.sample(range(1 << v), 7) + [0]
    entries: list[tuple[int, int] | None] = [None] * 4
    victim = 0
    rows = []
    for cycle in range(900):
        reset = int(cycle == 0 or cycle == 600)
        stim = {"reset": reset, "lookup_vpn": rng.choice(pool) if rng.random() < 0.9 else rng.randrange(1 << v),
                "fill_valid": int(rng.random() < 0.35), "fill_vpn": rng.choice(pool),
                "fill_ppn": rng.randrange(1 << p), "flush": int(rng.random() < 0.02)}
        found = [i for i, e in enumerate(entries) if e and e[0] == stim["lookup_vpn"]]
        assert len(found) <= 1
        outs = {} if cycle == 0 else (
            {"hit": 1, "ppn": entries[found[0]][1], "hit_index": found[0]} if found else {"hit": 0, "ppn": 0, "hit_index": 0})
        rows.append((stim, outs))
        if reset or stim["flush"]:
            entries, victim = [None] * 4, 0
        elif stim["fill_valid"]:
            vpn, ppn = stim["fill_vpn"], stim["fill_ppn"]
            same = [i for i, e in enumerate(entries) if e and e[0] == vpn]
            if same:
                entries[same[0]] = (vpn, ppn)
            elif None in entries:
                entries[entries.index(None)] = (vpn, ppn)
            else:
                entries[victim] = (vpn, ppn)
                victim = (victim + 1) % 4
    return Vectors.from_cycles(inputs, outputs, rows)


DESIGN = HardDesign(
    name="tlb4", top="Tlb4", spec=SPEC, reference=REFERENCE, wrong=WRONG, golden=golden,
    variants=(Variant("v8p6", {"v": 8, "p": 6}), Variant("v20p12", {"v": 20, "p": 12})), seeds=(1, 2, 3),
    top_args="$v, $p", category="memory")
