"""Hamming SECDED encoder and decoder (extended Hamming code with an overall parity bit), combinational."""

from __future__ import annotations

import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design a combinational SECDED (single-error-correcting, double-error-detecting) encoder and decoder for the \
extended Hamming($n,$k) code.

Interface: inputs `enc_data` ($k bits), `dec_code` ($n bits); outputs `enc_code` ($n bits), `dec_data` ($k bits), \
`single_err` (1 bit), `double_err` (1 bit).

Codeword layout: bit i of a codeword is position i, for i = 0 .. $top. Positions that are powers of two (1, 2, 4, \
...) hold check bits; position 0 holds the overall parity bit; the other positions, in increasing order, hold \
the data bits 0 .. $kt in increasing order (data bit 0 at position 3, bit 1 at 5, bit 2 at 6, bit 3 at 7, bit 4 \
at 9, ...). The check bit at position 2^j is the XOR of the data bits at every position whose index has bit j \
set, and the overall parity bit makes the XOR of all $n bits zero. The encoder maps `enc_data` to `enc_code`.

The decoder takes `dec_code` and computes the syndrome (the XOR of the indices of all positions holding a 1) and \
the overall parity (the XOR of all $n bits). Zero syndrome and even parity: no error. Odd parity: a single error \
at the position given by the syndrome (syndrome 0 means the overall parity bit itself flipped); \
`single_err` is high and that bit is corrected before the data is extracted. Nonzero syndrome with even parity: \
a double error; `double_err` is high and `dec_data` is the data bits as received, uncorrected. `dec_data` is \
always the data bits taken from the (possibly corrected) codeword. A syndrome that points past position $top \
with odd parity is still reported as a single error (`single_err` high) but nothing is corrected. The design is \
purely combinational (no clock or reset is used).
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class Secded(k: Int) extends RawModule {
  val m = (1 to 10).find(r => (1 << r) >= k + r + 1).get
  val n = k + m + 1
  val dataPos = (1 until n).filter(p => (p & (p - 1)) != 0)

  val enc_data = IO(Input(UInt(k.W)))
  val dec_code = IO(Input(UInt(n.W)))
  val enc_code = IO(Output(UInt(n.W)))
  val dec_data = IO(Output(UInt(k.W)))
  val single_err = IO(Output(Bool()))
  val double_err = IO(Output(Bool()))

  val bits = Wire(Vec(n, Bool()))
  bits.foreach(_ := false.B)
  for ((p, i) <- dataPos.zipWithIndex) bits(p) := enc_data(i)
  for (j <- 0 until m) {
    bits(1 << j) := dataPos.filter(p => (p >> j & 1) == 1).map(p => bits(p)).reduce(_ ^ _)
  }
  bits(0) := (1 until n).map(p => bits(p)).reduce(_ ^ _)
  enc_code := bits.asUInt

  val syndrome = VecInit((0 until m).map(j => (1 until n).filter(p => (p >> j & 1) == 1).map(p => dec_code(p)).reduce(_ ^ _))).asUInt
  val parity = dec_code.xorR
  val flip = Mux(parity, UIntToOH(syndrome, 1 << m)(n - 1, 0), 0.U(n.W))
  val fixed = dec_code ^ flip
  dec_data := VecInit(dataPos.map(p => fixed(p))).asUInt
  single_err := parity
  double_err := !parity && syndrome =/= 0.U
}
"""

# The bug: the decoder keys on the syndrome alone, so a flipped overall-parity bit is missed and a double error
# with a nonzero syndrome is "corrected" as a single one.
WRONG = (REFERENCE
         .replace("val flip = Mux(parity, UIntToOH", "val flip = Mux(syndrome =/= 0.U, UIntToOH")
         .replace("single_err := parity", "single_err := syndrome =/= 0.U")
         .replace("double_err := !parity && syndrome =/= 0.U", "double_err := false.B"))


def _layout(k: int) -> tuple[int, int, list[int]]:
    m = next(r for r in range(1, 11) if (1 << r) >= k + r + 1)
    n = k + m + 1
    return m, n, [p for p in range(1, n) if p & (p - 1)]


def encode(k: int, data: int) -> int:
    m, n, pos = _layout(k)
    bits = [0] * n
    for i, p in enumerate(pos):
        bits[p] = data >> i & 1
    for j in range(m):
        bits[1 << j] = sum(bits[p] for p in pos if p >> j & 1) & 1
    bits[0] = sum(bits[1:]) & 1
    return sum(b << i for i, b in enumerate(bits))


def decode(k: int, code: int) -> tuple[int, int, int]:
    _, n, pos = _layout(k)
    syndrome = 0
    for p in range(1, n):
        if code >> p & 1:
            syndrome ^= p
    parity = code.bit_count() & 1
    fixed = code ^ (1 << syndrome) if parity and syndrome < n else code
    data = sum((fixed >> p & 1) << i for i, p in enumerate(pos))
    return data, parity, int(not parity and syndrome != 0)


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    k = params["k"]
    _, n, _ = _layout(k)
    inputs = [Port("enc_data", k), Port("dec_code", n)]
    outputs = [Port("enc_code", n), Port("dec_data", k), Port("single_err", 1), Port("double_err", 1)]
    rows = []
    codes = []
    for flips in [(), (0,)] + [(p,) for p in range(n)] + [(0, 1), (0, n - 1), (1, 2), (n - 2, n - 1)]:
        codes.append((rng.randrange(1 << k), flips))
    for _ in range(400):
        errors = rng.choice([0, 1, 1, 2, 2, 3])
        codes.append((rng.choice([rng.randrange(1 << k), 0, (1 << k) - 1]), tuple(rng.sample(range(n), errors))))
    for data, flips in codes:
        code = encode(k, data)
        for f in flips:
            code ^= 1 << f
        enc_in = rng.randrange(1 << k)
        dec_data, single, double = decode(k, code)
        if len(flips) <= 1:
            assert (dec_data, single, double) == (data, len(flips), 0)
        rows.append(({"enc_data": enc_in, "dec_code": code},
                     {"enc_code": encode(k, enc_in), "dec_data": dec_data, "single_err": single, "double_err": double}))
    return Vectors.from_cycles(inputs, outputs, rows, clocked=False)


DESIGN = HardDesign(
    name="hamming_secded", top="Secded", spec=SPEC, reference=REFERENCE, wrong=WRONG, golden=golden,
    variants=(Variant("k8", {"k": 8, "n": 13, "top": 12, "kt": 7}),
              Variant("k64", {"k": 64, "n": 72, "top": 71, "kt": 63})),
    seeds=(1, 2, 3), top_args="$k", category="arithmetic")
