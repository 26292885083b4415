"""Tree pseudo-LRU replacement state for a 4-way set-associative cache, with invalid ways chosen first."""

from __future__ import annotations

import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design `Plru4`, the tree pseudo-LRU replacement state of a 4-way set-associative cache with $sets sets.

Interface (besides the implicit clock and reset):
- access (input, 1), access_set (input, $sb), access_way (input, 2)
- query_set (input, $sb), query_valid (input, 4)
- victim (output, 2), tree (output, 3)

Each set has three bits: b0 chooses between the way pairs (0 means the victim is in ways 0-1, 1 means ways 2-3),
b1 chooses inside ways 0-1 (0 means way 0, 1 means way 1) and b2 inside ways 2-3 (0 means way 2, 1 means way 3).
All bits are 0 after reset. A cycle with access high records a use of access_way in access_set at its clock
edge: the bits on that way's path are set to point away from it (b0 to the other pair, and the bit of the way's
own pair to its sibling), and the bit of the other pair is left unchanged. The query side is combinational from
the state and sees the bits before a same-cycle access: tree is {b2, b1, b0} of query_set, and victim is the way
the bits of query_set point to, unless query_valid (bit i: way i holds a valid line) has a zero bit, in which
case victim is the lowest-numbered invalid way instead.
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class Plru4(sets: Int) extends Module {
  private val sb = log2Ceil(sets)
  val access      = IO(Input(Bool()))
  val access_set  = IO(Input(UInt(sb.W)))
  val access_way  = IO(Input(UInt(2.W)))
  val query_set   = IO(Input(UInt(sb.W)))
  val query_valid = IO(Input(UInt(4.W)))
  val victim      = IO(Output(UInt(2.W)))
  val tree        = IO(Output(UInt(3.W)))

  val b0 = RegInit(VecInit(Seq.fill(sets)(false.B)))
  val b1 = RegInit(VecInit(Seq.fill(sets)(false.B)))
  val b2 = RegInit(VecInit(Seq.fill(sets)(false.B)))

  when(access) {
    b0(access_set) := !access_way(1)
    when(!access_way(1)) {
      b1(access_set) := !access_way(0)
    }.otherwise {
      b2(access_set) := !access_way(0)
    }
  }

  private val q0 = b0(query_set)
  private val q1 = b1(query_set)
  private val q2 = b2(query_set)
  private val plru = Mux(q0, Cat(1.U(1.W), q2), Cat(0.U(1.W), q1))
  victim := Mux(query_valid.andR, plru, PriorityEncoder(~query_valid))
  tree   := Cat(q2, q1, q0)
}
"""

# Bug: an access rewrites the whole tree, clearing the other pair's bit.
_OK = """    when(!access_way(1)) {
      b1(access_set) := !access_way(0)
    }.otherwise {
      b2(access_set) := !access_way(0)
    }"""
assert _OK in REFERENCE
WRONG = REFERENCE.replace(_OK, """    when(!access_way(1)) {
      b1(access_set) := !access_way(0)
      b2(access_set) := false.B
    }.otherwise {
      b2(access_set) := !access_way(0)
      b1(access_set) := false.B
    }""")


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    sets, sb = params["sets"], params["sb"]
    inputs = [Port("reset", 1), Port("access", 1), Port("access_set", sb), Port("access_way", 2), Port("query_set", sb),
              Port("query_valid", 4)]
    outputs = [Port("victim", 2), Port("tree", 3)]
    rows = []
    state = [[0, 0, 0] for _ in range(sets)]
    last_set = 0
    for t in range(480):
        reset = t == 0 or rng.random() < 0.005
        access = int(rng.random() < 0.7)
        a_set = last_set if rng.random() < 0.5 else rng.randrange(sets)
        # Ways mostly within one pair for a while, so the other pair's bit must survive.
        way = rng.choice((0, 1)) if (t // 40) % 3 == 0 else rng.choice((2, 3)) if (t // 40) % 3 == 1 else rng.randrange(4)
        q_set = a_set if rng.random() < 0.5 else rng.randrange(sets)
        valid = 0xF if rng.random() < 0.75 else rng.getrandbits(4)
        last_set = a_set
        ins = {"reset": int(reset), "access": access, "access_set": a_set, "access_way": way, "query_set": q_set,
               "query_valid": valid}
        if reset:
            rows.append((ins, {}))
            state = [[0, 0, 0] for _ in range(sets)]
            continue
        b0, b1, b2 = state[q_set]
        plru = (2 | b2) if b0 else b1
        victim = plru if valid == 0xF else next(i for i in range(4) if not (valid >> i) & 1)
        rows.append((ins, {"victim": victim, "tree": (b2 << 2) | (b1 << 1) | b0}))
        if access:
            bits = state[a_set]
            bits[0] = int(way < 2)
            if way < 2:
                bits[1] = int(way == 0)
            else:
                bits[2] = int(way == 2)
    return Vectors.from_cycles(inputs, outputs, rows)


DESIGN = HardDesign(
    name="plru4", top="Plru4", spec=SPEC, reference=REFERENCE, wrong=WRONG, golden=golden,
    variants=(Variant("s4", {"sets": 4, "sb": 2}), Variant("s8", {"sets": 8, "sb": 3})), seeds=(1, 2, 3),
    top_args="$sets", category="memory")
