"""An RV32I instruction decoder: format, sign-extended immediate, control signals and exact illegal detection."""

from __future__ import annotations

import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design `Rv32iDecoder`, the combinational instruction decoder of an RV32I core without CSRs or system instructions.

Interface (all combinational, no clock):
- instr (input, 32)
- imm (output, 32), fmt (output, 3), alu_op (output, 4)
- reg_write, mem_read, mem_write, branch, jump, illegal (outputs, 1 each)

Legal instructions, by opcode (instr[6:0]): LUI 0110111, AUIPC 0010111 and JAL 1101111 with any other bits; JALR
1100111 with funct3 000; BRANCH 1100011 with funct3 other than 010 and 011; LOAD 0000011 with funct3 000, 001,
010, 100 or 101; STORE 0100011 with funct3 000, 001 or 010; OP-IMM 0010011, where funct3 001 (SLLI) needs
instr[31:25] = 0000000, funct3 101 needs 0000000 (SRLI) or 0100000 (SRAI), and other funct3 take any upper bits;
OP 0110011 with instr[31:25] = 0000000 and any funct3, or 0100000 with funct3 000 or 101.$fence_rule Every other
word (other opcodes, ECALL/EBREAK/CSR, low bits not 11) is illegal: illegal is 1 and every other output is 0.

For a legal instruction illegal is 0 and fmt gives its format: 1 R (OP), 2 I (JALR, LOAD, OP-IMM$fence_fmt), 3 S
(STORE), 4 B (BRANCH), 5 U (LUI, AUIPC), 6 J (JAL). imm is the format's immediate, sign-extended from instr[31]:
I takes instr[31:20]; S {instr[31:25], instr[11:7]}; B {instr[31], instr[7], instr[30:25], instr[11:8], 0}; U
{instr[31:12], twelve zeros}; J {instr[31], instr[19:12], instr[20], instr[30:21], 0}; R-type gives 0 (shift
immediates are decoded as ordinary I immediates, upper bits included). reg_write is 1 for LUI, AUIPC, JAL, JALR,
LOAD, OP-IMM and OP; mem_read for LOAD; mem_write for STORE; branch for BRANCH; jump for JAL and JALR. alu_op is
{instr[30], funct3} for OP, {instr[30], funct3} for OP-IMM when funct3 is 101 and {0, funct3} for the other
OP-IMM instructions, and 0 for everything else.
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class Rv32iDecoder extends RawModule {
  val instr     = IO(Input(UInt(32.W)))
  val imm       = IO(Output(UInt(32.W)))
  val fmt       = IO(Output(UInt(3.W)))
  val alu_op    = IO(Output(UInt(4.W)))
  val reg_write = IO(Output(Bool()))
  val mem_read  = IO(Output(Bool()))
  val mem_write = IO(Output(Bool()))
  val branch    = IO(Output(Bool()))
  val jump      = IO(Output(Bool()))
  val illegal   = IO(Output(Bool()))

  private val opcode = instr(6, 0)
  private val f3     = instr(14, 12)
  private val f7     = instr(31, 25)
  private val sign   = instr(31)

  private val immI = Cat(Fill(20, sign), instr(31, 20))
  private val immS = Cat(Fill(20, sign), instr(31, 25), instr(11, 7))
  private val immB = Cat(Fill(19, sign), instr(31), instr(7), instr(30, 25), instr(11, 8), 0.U(1.W))
  private val immU = Cat(instr(31, 12), 0.U(12.W))
  private val immJ = Cat(Fill(11, sign), instr(31), instr(19, 12), instr(20), instr(30, 21), 0.U(1.W))

  private val isLui    = opcode === "b0110111".U
  private val isAuipc  = opcode === "b0010111".U
  private val isJal    = opcode === "b1101111".U
  private val isJalr   = opcode === "b1100111".U && f3 === 0.U
  private val isBranch = opcode === "b1100011".U && f3 =/= 2.U && f3 =/= 3.U
  private val isLoad   = opcode === "b0000011".U && (f3 === 0.U || f3 === 1.U || f3 === 2.U || f3 === 4.U || f3 === 5.U)
  private val isStore  = opcode === "b0100011".U && f3 <= 2.U
  private val shiftOk  = Mux(f3 === 1.U, f7 === 0.U, f7 === 0.U || f7 === "b0100000".U)
  private val isOpImm  = opcode === "b0010011".U && (!(f3 === 1.U || f3 === 5.U) || shiftOk)
  private val isOp     = opcode === "b0110011".U && (f7 === 0.U || (f7 === "b0100000".U && (f3 === 0.U || f3 === 5.U)))
  private val isFence  = opcode === "b0001111".U && f3 === 0.U && $fence_legal

  private val isU = isLui || isAuipc
  private val isI = isJalr || isLoad || isOpImm || isFence

  illegal   := !(isU || isJal || isI || isBranch || isStore || isOp)
  reg_write := isU || isJal || isJalr || isLoad || isOpImm || isOp
  mem_read  := isLoad
  mem_write := isStore
  branch    := isBranch
  jump      := isJal || isJalr
  fmt := MuxCase(0.U, Seq(isOp -> 1.U, isI -> 2.U, isStore -> 3.U, isBranch -> 4.U, isU -> 5.U, isJal -> 6.U))
  imm := MuxCase(0.U, Seq(isI -> immI, isStore -> immS, isBranch -> immB, isU -> immU, isJal -> immJ))
  alu_op := MuxCase(0.U, Seq(
    isOp    -> Cat(instr(30), f3),
    isOpImm -> Cat(Mux(f3 === 5.U, instr(30), false.B), f3)))
}
"""

# Bug: shift immediates are accepted whatever their upper bits (SLLI with 0100000, SRxI with junk).
_OK = "(!(f3 === 1.U || f3 === 5.U) || shiftOk)"
assert _OK in REFERENCE
WRONG = REFERENCE.replace(_OK, "true.B")

LUI, AUIPC, JAL, JALR, BRANCH, LOAD, STORE, OPIMM, OP, FENCE = (
    0b0110111, 0b0010111, 0b1101111, 0b1100111, 0b1100011, 0b0000011, 0b0100011, 0b0010011, 0b0110011, 0b0001111)


def _sext(value: int, bits: int) -> int:
    value &= (1 << bits) - 1
    return (value - (1 << bits) if value >> (bits - 1) else value) & 0xFFFFFFFF


def decode(instr: int, fence: bool) -> dict[str, int]:
    op, f3, f7 = instr & 0x7F, (instr >> 12) & 7, instr >> 25
    bit = lambda i: (instr >> i) & 1
    bits = lambda hi, lo: (instr >> lo) & ((1 << (hi - lo + 1)) - 1)
    legal = {
        LUI: True, AUIPC: True, JAL: True, JALR: f3 == 0, BRANCH: f3 not in (2, 3), LOAD: f3 in (0, 1, 2, 4, 5),
        STORE: f3 <= 2, OPIMM: (f7 == 0) if f3 == 1 else (f7 in (0, 0x20)) if f3 == 5 else True,
        OP: f7 == 0 or (f7 == 0x20 and f3 in (0, 5)), FENCE: fence and f3 == 0,
    }.get(op, False)
    out = dict.fromkeys(("imm", "fmt", "alu_op", "reg_write", "mem_read", "mem_write", "branch", "jump"), 0)
    if not legal:
        return {**out, "illegal": 1}
    fmt = {OP: 1, JALR: 2, LOAD: 2, OPIMM: 2, FENCE: 2, STORE: 3, BRANCH: 4, LUI: 5, AUIPC: 5, JAL: 6}[op]
    imm = {1: 0, 2: _sext(bits(31, 20), 12), 3: _sext((bits(31, 25) << 5) | bits(11, 7), 12),
           4: _sext((bit(31) << 12) | (bit(7) << 11) | (bits(30, 25) << 5) | (bits(11, 8) << 1), 13),
           5: bits(31, 12) << 12,
           6: _sext((bit(31) << 20) | (bits(19, 12) << 12) | (bit(20) << 11) | (bits(30, 21) << 1), 21)}[fmt]
    alu_op = (bit(30) << 3 | f3) if op == OP or (op == OPIMM and f3 == 5) else f3 if op == OPIMM else 0
    return {"imm": imm, "fmt": fmt, "alu_op": alu_op, "reg_write": int(op in (LUI, AUIPC, JAL, JALR, LOAD, OPIMM, OP)),
            "mem_read": int(op == LOAD), "mem_write": int(op == STORE), "branch": int(op == BRANCH),
            "jump": int(op in (JAL, JALR)), "illegal": 0}


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    fence = params["fence_legal"] == "true.B"
    opcodes = (LUI, AUIPC, JAL, JALR, BRANCH, LOAD, STORE, OPIMM, OP, FENCE, 0b1110011)
    inputs = [Port("instr", 32)]
    outputs = [Port("imm", 32), Port("fmt", 3), Port("alu_op", 4)] + [
        Port(n, 1) for n in ("reg_write", "mem_read", "mem_write", "branch", "jump", "illegal")]
    rows = []
    for _ in range(600):
        r = rng.random()
        word = rng.getrandbits(32)
        if r < 0.85:  # a real opcode with random fields; often with the upper bits of a shift or R-type
            word = (word & ~0x7F) | rng.choice(opcodes)
            if rng.random() < 0.5:
                word = (word & 0x01FFFFFF) | (rng.choice((0, 0x20, 0x20, 1, 0x40, 0x7F)) << 25)
        elif r < 0.92:  # an opcode one bit away from a real one
            word = (word & ~0x7F) | (rng.choice(opcodes) ^ (1 << rng.randrange(7)))
        rows.append(({"instr": word}, decode(word, fence)))
    return Vectors.from_cycles(inputs, outputs, rows, clocked=False)


FENCE_RULE = " FENCE 0001111 with funct3 000 (any other bits) is legal too and does nothing."

DESIGN = HardDesign(
    name="rv32i_decoder", top="Rv32iDecoder", spec=SPEC, reference=REFERENCE, wrong=WRONG, golden=golden,
    variants=(Variant("base", {"fence_legal": "false.B", "fence_rule": "", "fence_fmt": ""}),
              Variant("fence", {"fence_legal": "true.B", "fence_rule": FENCE_RULE,
                                "fence_fmt": ", FENCE"})),
    seeds=(1, 2, 3), category="cpu")
