"""A byte-stream CRC-32 (reflected, as Ethernet or iSCSI use it) framed by start/valid/last."""

from __future__ import annotations

import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design `StreamCrc32`, which computes the $algo of byte frames arriving one byte per cycle.

Interface (besides the implicit clock and reset):
- in_valid (input, 1), in_data (input, 8), in_start (input, 1), in_last (input, 1)
- out_valid (output, 1), crc (output, 32)

The CRC is the reflected 32-bit CRC with polynomial $poly_normal (reflected form $poly), initial value FFFFFFFF
and final XOR FFFFFFFF; bytes enter least significant bit first (the ASCII bytes "123456789" give $check). A byte
is taken in a cycle with in_valid high; in_start and in_last only count in such cycles. A byte with in_start
begins a new frame (the CRC starts over from the initial value, even if a frame was still open: that frame is
abandoned without a result). A byte with in_last ends the frame; one byte may carry both. Bytes taken while no
frame is open (before the first start, or after a last and before the next start) are ignored. The result is
registered: in the cycle after a frame's last byte out_valid is high for one cycle and crc shows the frame's
final CRC; crc keeps that value until the next frame ends. After reset no frame is open, crc is 0 and out_valid
is low.
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class StreamCrc32 extends Module {
  val in_valid  = IO(Input(Bool()))
  val in_data   = IO(Input(UInt(8.W)))
  val in_start  = IO(Input(Bool()))
  val in_last   = IO(Input(Bool()))
  val out_valid = IO(Output(Bool()))
  val crc       = IO(Output(UInt(32.W)))

  private val poly = "h$poly".U(32.W)
  private def step(c: UInt, b: UInt): UInt =
    (0 until 8).foldLeft(c ^ b) { (acc, _) => Mux(acc(0), (acc >> 1) ^ poly, acc >> 1) }

  val state  = RegInit("hFFFFFFFF".U(32.W))
  val open   = RegInit(false.B)
  val crcR   = RegInit(0.U(32.W))
  val validR = RegInit(false.B)

  private val take = in_valid && (in_start || open)
  private val next = step(Mux(in_start, "hFFFFFFFF".U(32.W), state), in_data)
  validR := take && in_last
  when(take) {
    state := next
    open  := !in_last
    when(in_last) { crcR := ~next }
  }
  out_valid := validR
  crc       := crcR
}
"""

# Bug: a start only restarts the CRC when no frame is open, so an abandoned frame's bytes leak into the next.
_OK = 'step(Mux(in_start, "hFFFFFFFF".U(32.W), state), in_data)'
assert _OK in REFERENCE
WRONG = REFERENCE.replace(_OK, 'step(Mux(in_start && !open, "hFFFFFFFF".U(32.W), state), in_data)')


def crc32(data: bytes, poly: int) -> int:
    c = 0xFFFFFFFF
    for b in data:
        c ^= b
        for _ in range(8):
            c = (c >> 1) ^ poly if c & 1 else c >> 1
    return c ^ 0xFFFFFFFF


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    poly = int(params["poly"], 16)
    inputs = [Port("reset", 1), Port("in_valid", 1), Port("in_data", 8), Port("in_start", 1), Port("in_last", 1)]
    outputs = [Port("out_valid", 1), Port("crc", 32)]
    # The byte-level stimulus: (valid, data, start, last) per cycle.
    beats: list[tuple[int, int, int, int]] = [(1, b, int(i == 0), int(i == 8)) for i, b in enumerate(b"123456789")]
    while len(beats) < 420:
        r = rng.random()
        if r < 0.2:  # stray bytes outside any frame, sometimes with last
            beats += [(1, rng.getrandbits(8), 0, int(rng.random() < 0.3)) for _ in range(rng.randint(1, 3))]
        n = rng.choice((1, 1, 2, 4, rng.randint(3, 24)))
        frame = [rng.getrandbits(8) for _ in range(n)]
        abandoned = rng.random() < 0.15
        for i, byte in enumerate(frame):
            while rng.random() < 0.25:  # idle cycles, with junk on the other inputs
                beats.append((0, rng.getrandbits(8), rng.getrandbits(1), rng.getrandbits(1)))
            beats.append((1, byte, int(i == 0), int(i == n - 1 and not abandoned)))
        beats += [(0, 0, 0, 0)] * rng.choice((0, 0, 1, 3))
    rows = [({"reset": 1, "in_valid": 0, "in_data": 0, "in_start": 0, "in_last": 0}, {})]
    frame_open, state, crc, out_valid = False, 0xFFFFFFFF, 0, 0
    for valid, data, start, last in beats:
        ins = {"reset": 0, "in_valid": valid, "in_data": data, "in_start": start, "in_last": last}
        rows.append((ins, {"out_valid": out_valid, "crc": crc}))
        out_valid = 0
        if valid and (start or frame_open):
            c = (0xFFFFFFFF if start else state) ^ data
            for _ in range(8):
                c = (c >> 1) ^ poly if c & 1 else c >> 1
            state, frame_open = c, not last
            if last:
                crc, out_valid = c ^ 0xFFFFFFFF, 1
    return Vectors.from_cycles(inputs, outputs, rows)


def _variant(name: str, algo: str, poly: int, normal: int) -> Variant:
    return Variant(name, {"algo": algo, "poly": f"{poly:08X}", "poly_normal": f"{normal:08X}",
                          "check": f"{crc32(b'123456789', poly):08X}"})


DESIGN = HardDesign(
    name="stream_crc32", top="StreamCrc32", spec=SPEC, reference=REFERENCE, wrong=WRONG, golden=golden,
    variants=(_variant("ieee", "CRC-32 (IEEE 802.3)", 0xEDB88320, 0x04C11DB7),
              _variant("castagnoli", "CRC-32C (Castagnoli)", 0x82F63B78, 0x1EDC6F41)),
    seeds=(1, 2, 3), category="stream")
