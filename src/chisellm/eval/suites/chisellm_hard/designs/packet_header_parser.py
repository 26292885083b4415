"""A byte-stream packet parser: a 5-byte header into registered fields, the payload passed through."""

from __future__ import annotations

import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design a packet header parser for a byte stream without back-pressure.

Interface: inputs `in_valid` (1 bit), `in_data` (8 bits), `in_last` (1 bit); outputs `hdr_valid` (1 bit), \
`dst` (16 bits), `src` (16 bits), `ptype` (8 bits), `out_valid` (1 bit), `out_data` (8 bits), `out_last` (1 bit), \
`err` (1 bit).

A byte is transferred in every cycle where `in_valid` is high; `in_last` marks the last byte of a packet (it is \
ignored when `in_valid` is low). Each packet begins with a 5-byte header: two bytes of destination, two bytes of \
source, one byte of type, with both 16-bit fields sent $order. The bytes after the header are the payload.

`dst`, `src` and `ptype` show the fields of the most recent complete header; they all change together, at the \
edge that transfers the fifth header byte, and never while a header is still arriving. `hdr_valid` is high for \
exactly the one cycle after that edge. Payload bytes pass straight through in the same cycle: while a packet is \
in its payload, `out_valid` equals `in_valid`, `out_data` equals `in_data` and `out_last` equals `in_last` and \
`in_valid`; outside a payload `out_valid` and `out_last` are low (`out_data` is only checked when `out_valid` is \
high). A packet may end with its fifth header byte (no payload); that is a complete header. A packet that ends \
before its fifth header byte is a runt: its bytes are discarded, the fields keep their values, no `hdr_valid` \
follows, and `err` is high for exactly the one cycle after the edge that transferred its last byte. The byte \
after any packet's last byte begins a new header.

Synchronous reset expects a new header next and clears `dst`, `src`, `ptype`, `hdr_valid` and `err`.
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class PacketParser(bigEndian: Boolean) extends Module {
  val in_valid = IO(Input(Bool()))
  val in_data = IO(Input(UInt(8.W)))
  val in_last = IO(Input(Bool()))
  val hdr_valid = IO(Output(Bool()))
  val dst = IO(Output(UInt(16.W)))
  val src = IO(Output(UInt(16.W)))
  val ptype = IO(Output(UInt(8.W)))
  val out_valid = IO(Output(Bool()))
  val out_data = IO(Output(UInt(8.W)))
  val out_last = IO(Output(Bool()))
  val err = IO(Output(Bool()))

  val idx = RegInit(0.U(3.W))   // header bytes seen; 5 = in the payload
  val shadow = Reg(Vec(4, UInt(8.W)))
  val dstR = RegInit(0.U(16.W))
  val srcR = RegInit(0.U(16.W))
  val typeR = RegInit(0.U(8.W))
  val hdrR = RegInit(false.B)
  val errR = RegInit(false.B)

  def field(first: UInt, second: UInt): UInt = if (bigEndian) Cat(first, second) else Cat(second, first)

  hdrR := false.B
  errR := false.B
  when(in_valid) {
    when(idx < 4.U) {
      shadow(idx) := in_data
      idx := Mux(in_last, 0.U, idx + 1.U)
      errR := in_last
    }.elsewhen(idx === 4.U) {
      dstR := field(shadow(0), shadow(1))
      srcR := field(shadow(2), shadow(3))
      typeR := in_data
      hdrR := true.B
      idx := Mux(in_last, 0.U, 5.U)
    }.otherwise {
      when(in_last) { idx := 0.U }
    }
  }

  val inPayload = idx === 5.U
  out_valid := inPayload && in_valid
  out_data := in_data
  out_last := inPayload && in_valid && in_last
  hdr_valid := hdrR
  dst := dstR
  src := srcR
  ptype := typeR
  err := errR
}
"""

# The bug: the fields are assembled in place, so they change while a header is still arriving (and after runts).
WRONG = (REFERENCE
         .replace("      shadow(idx) := in_data\n",
                  "      shadow(idx) := in_data\n"
                  "      switch(idx) {\n"
                  "        is(0.U) { dstR := (if (bigEndian) Cat(in_data, dstR(7, 0)) else Cat(dstR(15, 8), in_data)) }\n"
                  "        is(1.U) { dstR := (if (bigEndian) Cat(dstR(15, 8), in_data) else Cat(in_data, dstR(7, 0))) }\n"
                  "        is(2.U) { srcR := (if (bigEndian) Cat(in_data, srcR(7, 0)) else Cat(srcR(15, 8), in_data)) }\n"
                  "        is(3.U) { srcR := (if (bigEndian) Cat(srcR(15, 8), in_data) else Cat(in_data, srcR(7, 0))) }\n"
                  "      }\n")
         .replace("      dstR := field(shadow(0), shadow(1))\n      srcR := field(shadow(2), shadow(3))\n", ""))


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    big = params["big"] == "true"
    inputs = [Port("reset", 1), Port("in_valid", 1), Port("in_data", 8), Port("in_last", 1)]
    outputs = [Port("hdr_valid", 1), Port("dst", 16), Port("src", 16), Port("ptype", 8), Port("out_valid", 1),
               Port("out_data", 8), Port("out_last", 1), Port("err", 1)]
    lengths = [1, 4, 5, 6, 2, 5, 3, 9, 5, 1, 1, 12]
    idx, shadow = 0, [0] * 4
    dst = src = ptype = hdr = err = 0
    rows = []
    remaining = 0
    cycles = 900
    for cycle in range(cycles):
        reset = int(cycle == 0 or cycle == 620)
        valid = int(rng.random() < 0.75)
        if valid and remaining == 0:
            remaining = lengths.pop(0) if lengths else rng.choice([1, 3, 4, 5, 5, 6, 7, 8, 10, 16, 24])
        data = rng.randrange(256)
        last = int(valid and remaining == 1) if rng.random() < 0.95 else rng.randrange(2)
        stim = {"reset": reset, "in_valid": valid, "in_data": data, "in_last": last}
        payload = idx == 5
        outs: dict[str, int | None] = {} if cycle == 0 else {
            "hdr_valid": hdr, "dst": dst, "src": src, "ptype": ptype, "out_valid": int(payload and valid),
            "out_data": data if payload and valid else None, "out_last": int(payload and valid and last), "err": err}
        rows.append((stim, outs))
        if valid:
            remaining = 0 if last else max(0, remaining - 1)
        if reset:
            idx, dst, src, ptype, hdr, err = 0, 0, 0, 0, 0, 0
            remaining = 0
            continue
        hdr = err = 0
        if not valid:
            continue
        if idx < 4:
            shadow[idx] = data
            idx = 0 if last else idx + 1
            err = last
        elif idx == 4:
            def field(x: int, y: int) -> int:
                return (x << 8 | y) if big else (y << 8 | x)
            dst, src, ptype, hdr = field(shadow[0], shadow[1]), field(shadow[2], shadow[3]), data, 1
            idx = 0 if last else 5
        elif last:
            idx = 0
    return Vectors.from_cycles(inputs, outputs, rows)


DESIGN = HardDesign(
    name="packet_header_parser", top="PacketParser", spec=SPEC, reference=REFERENCE, wrong=WRONG, golden=golden,
    variants=(Variant("big", {"big": "true", "order": "most significant byte first"}),
              Variant("little", {"big": "false", "order": "least significant byte first"})),
    seeds=(1, 2, 3), top_args="$big", category="stream")
