"""The RISC-V base integer ALU and branch comparator, for XLEN 32 or 64 (no W operations)."""

from __future__ import annotations

import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design `RiscvAlu`, the combinational integer ALU and branch comparator of a RISC-V core with XLEN = $xlen (base
integer operations only, no W variants).

Interface (all combinational, no clock):
- op (input, 4), a (input, $xlen), b (input, $xlen), result (output, $xlen)
- br (input, 3), taken (output, 1)

op is {funct7 bit 5, funct3} of the R-type instruction: 0000 ADD, 1000 SUB, 0001 SLL, 0010 SLT, 0011 SLTU,
0100 XOR, 0101 SRL, 1101 SRA, 0110 OR, 0111 AND; every other op gives result 0. Addition and subtraction wrap
modulo 2^$xlen. Shifts use only the low $shbits bits of b as the shift amount; SRA shifts in copies of a's sign
bit. SLT and SLTU give 1 or 0 from a signed or unsigned a < b. br is a branch's funct3 and taken says whether the
branch on a and b is taken: 000 BEQ (a == b), 001 BNE, 100 BLT (signed a < b), 101 BGE (signed a >= b), 110 BLTU,
111 BGEU (unsigned); br 010 and 011 are not branches and give taken 0. result and taken are independent: both
are computed from a and b in every cycle.
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class RiscvAlu(xlen: Int) extends RawModule {
  val op     = IO(Input(UInt(4.W)))
  val a      = IO(Input(UInt(xlen.W)))
  val b      = IO(Input(UInt(xlen.W)))
  val result = IO(Output(UInt(xlen.W)))
  val br     = IO(Input(UInt(3.W)))
  val taken  = IO(Output(Bool()))

  private val shamt = b(log2Ceil(xlen) - 1, 0)
  private val lt    = a.asSInt < b.asSInt
  private val ltu   = a < b

  result := MuxLookup(op, 0.U)(Seq(
    "b0000".U -> (a + b),
    "b1000".U -> (a - b),
    "b0001".U -> (a << shamt)(xlen - 1, 0),
    "b0010".U -> lt.asUInt,
    "b0011".U -> ltu.asUInt,
    "b0100".U -> (a ^ b),
    "b0101".U -> (a >> shamt),
    "b1101".U -> (a.asSInt >> shamt).asUInt,
    "b0110".U -> (a | b),
    "b0111".U -> (a & b)
  ))

  taken := MuxLookup(br, false.B)(Seq(
    "b000".U -> (a === b),
    "b001".U -> (a =/= b),
    "b100".U -> lt,
    "b101".U -> !lt,
    "b110".U -> ltu,
    "b111".U -> !ltu
  ))
}
"""

# Bug: SRA shifts in zeros (a logical shift of the unsigned operand).
_OK = '"b1101".U -> (a.asSInt >> shamt).asUInt,'
assert _OK in REFERENCE
WRONG = REFERENCE.replace(_OK, '"b1101".U -> (a >> shamt),')

OPS = (0b0000, 0b1000, 0b0001, 0b0010, 0b0011, 0b0100, 0b0101, 0b1101, 0b0110, 0b0111)


def _signed(x: int, xlen: int) -> int:
    return x - (1 << xlen) if x >> (xlen - 1) else x


def alu(op: int, a: int, b: int, xlen: int) -> int:
    mask = (1 << xlen) - 1
    sh = b & (xlen - 1)
    sa, sb = _signed(a, xlen), _signed(b, xlen)
    table = {0b0000: a + b, 0b1000: a - b, 0b0001: a << sh, 0b0010: int(sa < sb), 0b0011: int(a < b),
             0b0100: a ^ b, 0b0101: a >> sh, 0b1101: sa >> sh, 0b0110: a | b, 0b0111: a & b}
    return table.get(op, 0) & mask


def branch(br: int, a: int, b: int, xlen: int) -> int:
    sa, sb = _signed(a, xlen), _signed(b, xlen)
    table = {0b000: a == b, 0b001: a != b, 0b100: sa < sb, 0b101: sa >= sb, 0b110: a < b, 0b111: a >= b}
    return int(table.get(br, False))


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    xlen = params["xlen"]
    mask = (1 << xlen) - 1
    corners = [0, 1, 2, mask, mask - 1, 1 << (xlen - 1), (1 << (xlen - 1)) - 1, (1 << (xlen - 1)) + 1, 0x80, 0xFF,
               xlen - 1, xlen, xlen + 1, 2 * xlen - 1]

    def operand() -> int:
        r = rng.random()
        if r < 0.3:
            return rng.choice(corners)
        if r < 0.45:
            return rng.getrandbits(rng.randint(1, 8))
        if r < 0.6:
            return (-rng.getrandbits(rng.randint(1, 12))) & mask
        return rng.getrandbits(xlen)

    inputs = [Port("op", 4), Port("a", xlen), Port("b", xlen), Port("br", 3)]
    outputs = [Port("result", xlen), Port("taken", 1)]
    rows = []
    for i in range(500):
        op = rng.choice(OPS) if rng.random() < 0.85 else rng.getrandbits(4)
        a = operand()
        b = a if rng.random() < 0.1 else operand()
        if op in (0b0001, 0b0101, 0b1101) and rng.random() < 0.5:
            b = (rng.getrandbits(xlen) & ~(xlen - 1)) | rng.randrange(xlen)  # high bits of b must be ignored
        if i < 32:  # directed: SRA and SRL of a negative value by every amount class
            op, a, b = (0b1101, 0b0101)[i % 2], (1 << (xlen - 1)) | rng.getrandbits(xlen - 1), i
        br = rng.getrandbits(3)
        rows.append(({"op": op, "a": a, "b": b, "br": br}, {"result": alu(op, a, b, xlen), "taken": branch(br, a, b, xlen)}))
    return Vectors.from_cycles(inputs, outputs, rows, clocked=False)


DESIGN = HardDesign(
    name="rv32i_alu", top="RiscvAlu", spec=SPEC, reference=REFERENCE, wrong=WRONG, golden=golden,
    variants=(Variant("xlen32", {"xlen": 32, "shbits": 5}), Variant("xlen64", {"xlen": 64, "shbits": 6})),
    seeds=(1, 2, 3), top_args="$xlen", category="cpu")
