"""An 8-entry content-addressable memory: write, invalidate, search with a match vector and lowest index."""

from __future__ import annotations

import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design an 8-entry content-addressable memory of $w-bit keys.

Interface: inputs `wr_en` (1 bit), `wr_idx` (3 bits), `wr_key` ($w bits), `inv_en` (1 bit), `inv_idx` (3 bits), \
`key` ($w bits); outputs `hit` (1 bit), `hit_idx` (3 bits), `hit_vec` (8 bits), `hit_count` (4 bits).

Each entry has a valid bit and a key. The search is combinational over the entries as they stand at the start of \
the cycle (a write or invalidation in the same cycle is not yet visible): bit i of `hit_vec` is high when entry i \
is valid and holds `key`; `hit` is high when any bit is; `hit_idx` is the lowest-numbered matching entry (0 when \
none matches); `hit_count` is how many entries match. Several entries may hold the same key. `wr_en` high at an \
edge stores `wr_key` in entry `wr_idx` and makes it valid; `inv_en` high at an edge makes entry `inv_idx` \
invalid. When both name the same entry in the same cycle, the invalidation wins and the entry ends invalid.

Synchronous reset invalidates every entry.
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class Cam8(w: Int) extends Module {
  val wr_en = IO(Input(Bool()))
  val wr_idx = IO(Input(UInt(3.W)))
  val wr_key = IO(Input(UInt(w.W)))
  val inv_en = IO(Input(Bool()))
  val inv_idx = IO(Input(UInt(3.W)))
  val key = IO(Input(UInt(w.W)))
  val hit = IO(Output(Bool()))
  val hit_idx = IO(Output(UInt(3.W)))
  val hit_vec = IO(Output(UInt(8.W)))
  val hit_count = IO(Output(UInt(4.W)))

  val valid = RegInit(VecInit(Seq.fill(8)(false.B)))
  val keys = Reg(Vec(8, UInt(w.W)))

  val matches = VecInit((0 until 8).map(i => valid(i) && keys(i) === key))
  hit_vec := matches.asUInt
  hit := matches.asUInt.orR
  hit_idx := Mux(matches.asUInt.orR, PriorityEncoder(matches.asUInt), 0.U)
  hit_count := PopCount(matches)

  when(wr_en) {
    valid(wr_idx) := true.B
    keys(wr_idx) := wr_key
  }
  when(inv_en) { valid(inv_idx) := false.B }
}
"""

# The bug: the one-hot decoder is used on a vector that can have several bits set.
WRONG = REFERENCE.replace("PriorityEncoder(matches.asUInt)", "OHToUInt(matches.asUInt)")


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    w = params["w"]
    inputs = [Port("reset", 1), Port("wr_en", 1), Port("wr_idx", 3), Port("wr_key", w), Port("inv_en", 1),
              Port("inv_idx", 3), Port("key", w)]
    outputs = [Port("hit", 1), Port("hit_idx", 3), Port("hit_vec", 8), Port("hit_count", 4)]
    pool = [0, (1 << w) - 1] + rng.sample(range(1, (1 << w) - 1), 4)
    entries: list[int | None] = [None] * 8
    rows = []
    for cycle in range(900):
        reset = int(cycle == 0 or cycle == 600)
        wr_idx = rng.randrange(8)
        stim = {"reset": reset, "wr_en": int(rng.random() < 0.4), "wr_idx": wr_idx, "wr_key": rng.choice(pool),
                "inv_en": int(rng.random() < 0.15), "inv_idx": wr_idx if rng.random() < 0.3 else rng.randrange(8),
                "key": rng.choice(pool) if rng.random() < 0.9 else rng.randrange(1 << w)}
        vec = [e is not None and e == stim["key"] for e in entries]
        outs = {} if cycle == 0 else {"hit": int(any(vec)), "hit_idx": vec.index(True) if any(vec) else 0,
                                      "hit_vec": sum(1 << i for i, m in enumerate(vec) if m), "hit_count": sum(vec)}
        rows.append((stim, outs))
        if reset:
            entries = [None] * 8
            continue
        if stim["wr_en"]:
            entries[wr_idx] = stim["wr_key"]
        if stim["inv_en"]:
            entries[stim["inv_idx"]] = None
    return Vectors.from_cycles(inputs, outputs, rows)


DESIGN = HardDesign(
    name="cam8", top="Cam8", spec=SPEC, reference=REFERENCE, wrong=WRONG, golden=golden,
    variants=(Variant("w8", {"w": 8}), Variant("w16", {"w": 16})), seeds=(1, 2, 3), top_args="$w",
    category="memory")
