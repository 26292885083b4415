"""A 2x2 ready/valid crossbar with a round-robin arbiter per output."""

from __future__ import annotations

import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design a 2x2 crossbar for $w-bit ready/valid streams, with a round-robin arbiter on each output.

Interface: inputs `in0_valid`, `in1_valid` (1 bit each), `in0_data`, `in1_data` ($w bits each), `in0_dest`, \
`in1_dest` (1 bit each), `out0_ready`, `out1_ready` (1 bit each); outputs `in0_ready`, `in1_ready` (1 bit each), \
`out0_valid`, `out1_valid` (1 bit each), `out0_data`, `out1_data` ($w bits each), `out0_src`, `out1_src` (1 bit \
each).

Input i requests output `in<i>_dest` while `in<i>_valid` is high. Each output grants one of the inputs that \
request it, combinationally: the only requester if there is one, otherwise the input named by that output's \
priority pointer. The output's `valid` is high when any input requests it, and its `data` and `src` are the \
granted input's data and number. An input's `ready` is high exactly when it is valid, granted, and its output's \
`ready` is high; a transfer happens at an edge where an output's valid and ready are both high. Each output's \
priority pointer changes only at its transfers: after a transfer from input i it points to the other input. \
Everything is combinational except the two pointers. `data` and `src` are only checked while the output's \
`valid` is high.

Synchronous reset points both priority pointers at input 0.
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class CrossbarRv(w: Int) extends Module {
  val in0_valid = IO(Input(Bool()))
  val in0_data = IO(Input(UInt(w.W)))
  val in0_dest = IO(Input(UInt(1.W)))
  val in1_valid = IO(Input(Bool()))
  val in1_data = IO(Input(UInt(w.W)))
  val in1_dest = IO(Input(UInt(1.W)))
  val out0_ready = IO(Input(Bool()))
  val out1_ready = IO(Input(Bool()))
  val in0_ready = IO(Output(Bool()))
  val in1_ready = IO(Output(Bool()))
  val out0_valid = IO(Output(Bool()))
  val out0_data = IO(Output(UInt(w.W)))
  val out0_src = IO(Output(UInt(1.W)))
  val out1_valid = IO(Output(Bool()))
  val out1_data = IO(Output(UInt(w.W)))
  val out1_src = IO(Output(UInt(1.W)))

  val valids = Seq(in0_valid, in1_valid)
  val datas = Seq(in0_data, in1_data)
  val dests = Seq(in0_dest, in1_dest)
  val readies = Seq(out0_ready, out1_ready)
  val granted = Seq.fill(2)(Wire(Vec(2, Bool())))  // granted(o)(i)

  for (o <- 0 until 2) {
    val ptr = RegInit(0.U(1.W))
    val req = VecInit((0 until 2).map(i => valids(i) && dests(i) === o.U))
    val pick = Mux(req(0) && req(1), ptr, Mux(req(1), 1.U, 0.U))
    for (i <- 0 until 2) granted(o)(i) := req(i) && pick === i.U
    val valid = req.asUInt.orR
    when(valid && readies(o)) { ptr := ~pick }
    if (o == 0) { out0_valid := valid; out0_data := Mux(pick === 1.U, in1_data, in0_data); out0_src := pick }
    else { out1_valid := valid; out1_data := Mux(pick === 1.U, in1_data, in0_data); out1_src := pick }
  }

  in0_ready := (0 until 2).map(o => granted(o)(0) && readies(o)).reduce(_ || _)
  in1_ready := (0 until 2).map(o => granted(o)(1) && readies(o)).reduce(_ || _)
}
"""

# The bug: the pointer moves whenever the output is valid, even when the consumer did not take the beat.
WRONG = REFERENCE.replace("when(valid && readies(o)) { ptr := ~pick }", "when(valid) { ptr := ~pick }")


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    w = params["w"]
    inputs = [Port("reset", 1)] + [Port(f"in{i}_{f}", w if f == "data" else 1) for i in range(2)
                                   for f in ("valid", "data", "dest")] + [Port("out0_ready", 1), Port("out1_ready", 1)]
    outputs = [Port(f"in{i}_ready", 1) for i in range(2)] + [Port(f"out{o}_{f}", w if f == "data" else 1)
                                                             for o in range(2) for f in ("valid", "data", "src")]
    ptr = [0, 0]
    held: list[tuple[int, int] | None] = [None, None]  # each input keeps its beat until it is taken
    rows = []
    load = 0.7
    for cycle in range(1000):
        reset = int(cycle == 0 or cycle == 650)
        if cycle % 100 == 0:
            load = rng.choice([0.3, 0.7, 0.95])
        for i in range(2):
            if held[i] is None and rng.random() < load:
                held[i] = (rng.randrange(1 << w), int(rng.random() < 0.5))
        stim = {"reset": reset, "out0_ready": int(rng.random() < 0.6), "out1_ready": int(rng.random() < 0.6)}
        for i in range(2):
            data, dest = held[i] if held[i] else (rng.randrange(1 << w), rng.randrange(2))
            stim.update({f"in{i}_valid": int(held[i] is not None), f"in{i}_data": data, f"in{i}_dest": dest})
        outs: dict[str, int | None] = {"in0_ready": 0, "in1_ready": 0}
        fires = []
        for o in range(2):
            req = [held[i] is not None and held[i][1] == o for i in range(2)]
            pick = ptr[o] if all(req) else (1 if req[1] else 0)
            valid = any(req)
            outs[f"out{o}_valid"] = int(valid)
            outs[f"out{o}_data"] = held[pick][0] if valid else None
            outs[f"out{o}_src"] = pick if valid else None
            if valid and stim[f"out{o}_ready"]:
                outs[f"in{pick}_ready"] = 1
                fires.append((o, pick))
        rows.append((stim, {} if cycle == 0 else outs))
        if reset:
            ptr, held = [0, 0], [None, None]
            continue
        for o, pick in fires:
            ptr[o] = 1 - pick
            held[pick] = None
    return Vectors.from_cycles(inputs, outputs, rows)


DESIGN = HardDesign(
    name="crossbar_rv", top="CrossbarRv", spec=SPEC, reference=REFERENCE, wrong=WRONG, golden=golden,
    variants=(Variant("w8", {"w": 8}), Variant("w32", {"w": 32})), seeds=(1, 2, 3), top_args="$w",
    category="stream")
