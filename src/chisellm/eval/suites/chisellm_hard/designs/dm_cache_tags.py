"""The tag array of a direct-mapped cache: registered lookup, fill with eviction report, invalidate and flush."""

from __future__ import annotations

import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design `DmCacheTags`, the tag array of a direct-mapped cache for $aw-bit addresses with $sets lines of
$line bytes: an address splits into offset addr[$off_hi:0], index addr[$idx_hi:$off] and tag addr[$tag_hi:$idx_lo].

Interface (besides the implicit clock and reset):
- addr (input, $aw), op (input, 2), flush (input, 1)
- resp_valid (output, 1), hit (output, 1), evict (output, 1), evict_tag (output, $tw)

Each line holds a tag and a valid bit; reset and flush make every line invalid. op selects a request on addr: 0
none, 1 lookup, 2 fill, 3 invalidate. A line hits when it is valid and holds addr's tag. Lookup changes nothing.
Fill writes addr's tag into addr's line and makes it valid; if that line was valid with a different tag, the
fill evicts it. Invalidate clears the line's valid bit, but only when it hits (a different tag stays). Every
request is answered in the next cycle (one cycle of latency, registered outputs): resp_valid is 1, hit says
whether the line hit before the request acted, evict is 1 for a fill that evicted and evict_tag is then the tag
it evicted. A request sees the effect of the request of the previous cycle. flush takes priority over op: in a
flush cycle the request is ignored and gets no response. In a cycle after no request (or a flush) resp_valid,
hit, evict and evict_tag are all 0, and evict_tag is 0 whenever evict is 0. After reset all outputs are 0.
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class DmCacheTags(aw: Int, idxBits: Int, offBits: Int) extends Module {
  private val tw = aw - idxBits - offBits
  val addr       = IO(Input(UInt(aw.W)))
  val op         = IO(Input(UInt(2.W)))
  val flush      = IO(Input(Bool()))
  val resp_valid = IO(Output(Bool()))
  val hit        = IO(Output(Bool()))
  val evict      = IO(Output(Bool()))
  val evict_tag  = IO(Output(UInt(tw.W)))

  val tags  = Reg(Vec(1 << idxBits, UInt(tw.W)))
  val valid = RegInit(VecInit(Seq.fill(1 << idxBits)(false.B)))

  private val index = addr(offBits + idxBits - 1, offBits)
  private val tag   = addr(aw - 1, offBits + idxBits)
  private val lineValid = valid(index)
  private val isHit = lineValid && tags(index) === tag

  val rValid = RegInit(false.B)
  val rHit   = RegInit(false.B)
  val rEvict = RegInit(false.B)
  val rTag   = RegInit(0.U(tw.W))

  private val req = op =/= 0.U && !flush
  private val evicting = op === 2.U && lineValid && !isHit
  rValid := req
  rHit   := req && isHit
  rEvict := req && evicting
  rTag   := Mux(req && evicting, tags(index), 0.U)

  when(flush) {
    valid.foreach(_ := false.B)
  }.elsewhen(op === 2.U) {
    tags(index)  := tag
    valid(index) := true.B
  }.elsewhen(op === 3.U && isHit) {
    valid(index) := false.B
  }

  resp_valid := rValid
  hit        := rHit
  evict      := rEvict
  evict_tag  := rTag
}
"""

# Bug: the hit compares tags only and forgets the valid bit (a flushed or invalidated line still hits).
_OK = "private val isHit = lineValid && tags(index) === tag"
assert _OK in REFERENCE
WRONG = REFERENCE.replace(_OK, "private val isHit = tags(index) === tag")


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    aw, ib, ob = params["aw"], params["idx_bits"], params["off"]
    tw = aw - ib - ob
    sets = 1 << ib
    inputs = [Port("reset", 1), Port("addr", aw), Port("op", 2), Port("flush", 1)]
    outputs = [Port("resp_valid", 1), Port("hit", 1), Port("evict", 1), Port("evict_tag", tw)]
    # A few tags per set, so that lines conflict, hit and get evicted often; tag 0 included (the reset value
    # of an untouched tag register).
    pool = [0, 1, rng.getrandbits(tw), rng.getrandbits(tw), (1 << tw) - 1]
    rows = []
    tags, valid = [0] * sets, [False] * sets
    resp = (0, 0, 0, 0)
    n = 0
    while n < 480:
        n += 1
        reset = n == 1 or rng.random() < 0.005
        mix = (n // 60) % 4  # phases: fill-heavy, lookup-heavy, invalidate-heavy, mixed
        weights = ((2, 2, 5, 1), (2, 6, 1, 1), (1, 3, 2, 4), (1, 3, 3, 3))[mix]
        op = rng.choices(range(4), weights)[0]
        flush = int(rng.random() < 0.02)
        tag = rng.choice(pool) if rng.random() < 0.85 else rng.getrandbits(tw)
        index = rng.randrange(sets) if rng.random() < 0.6 else rng.randrange(min(3, sets))
        addr = (tag << (ib + ob)) | (index << ob) | rng.getrandbits(ob)
        ins = {"reset": int(reset), "addr": addr, "op": op, "flush": flush}
        if reset:
            rows.append((ins, {}))
            tags, valid, resp = [0] * sets, [False] * sets, (0, 0, 0, 0)
            continue
        rows.append((ins, dict(zip(("resp_valid", "hit", "evict", "evict_tag"), resp))))
        is_hit = valid[index] and tags[index] == tag
        if flush:
            valid = [False] * sets
            resp = (0, 0, 0, 0)
            continue
        evicting = op == 2 and valid[index] and not is_hit
        resp = (int(op != 0), int(op != 0 and is_hit), int(evicting), tags[index] if evicting else 0)
        if op == 2:
            tags[index], valid[index] = tag, True
        elif op == 3 and is_hit:
            valid[index] = False
    return Vectors.from_cycles(inputs, outputs, rows)


def _variant(aw: int, idx_bits: int, off: int) -> Variant:
    return Variant(f"a{aw}i{idx_bits}", {
        "aw": aw, "idx_bits": idx_bits, "off": off, "sets": 1 << idx_bits, "line": 1 << off, "off_hi": off - 1,
        "idx_hi": off + idx_bits - 1, "idx_lo": off + idx_bits, "tag_hi": aw - 1, "tw": aw - idx_bits - off})


DESIGN = HardDesign(
    name="dm_cache_tags", top="DmCacheTags", spec=SPEC, reference=REFERENCE, wrong=WRONG, golden=golden,
    variants=(_variant(12, 3, 2), _variant(16, 4, 3)), seeds=(1, 2, 3), top_args="$aw, $idx_bits, $off",
    category="memory")
