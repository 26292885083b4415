import chisel3._
import chisel3.util._

// MIPS ALU. Shift amounts come from a (the whole of a for SLL/SRL/SRA, a[4:0] for the V forms); LUI puts a's
// low half on top. flag is the SLT / SLTU result (0 for other operations: Chisel has no high impedance).
class alu extends RawModule {
  val a = IO(Input(UInt(32.W)))
  val b = IO(Input(UInt(32.W)))
  val aluc = IO(Input(UInt(6.W)))
  val r = IO(Output(UInt(32.W)))
  val zero = IO(Output(Bool()))
  val carry = IO(Output(Bool()))
  val negative = IO(Output(Bool()))
  val overflow = IO(Output(Bool()))
  val flag = IO(Output(Bool()))

  val ADD = "b100000".U; val ADDU = "b100001".U; val SUB = "b100010".U; val SUBU = "b100011".U
  val AND = "b100100".U; val OR = "b100101".U; val XOR = "b100110".U; val NOR = "b100111".U
  val SLT = "b101010".U; val SLTU = "b101011".U
  val SLL = "b000000".U; val SRL = "b000010".U; val SRA = "b000011".U
  val SLLV = "b000100".U; val SRLV = "b000110".U; val SRAV = "b000111".U; val LUI = "b001111".U

  val sum = a +& b
  val diff = Cat(0.U(1.W), a) - Cat(0.U(1.W), b)
  val big = a >= 32.U
  val shamt = a(4, 0)
  val sll = b << shamt
  val srl = b >> shamt
  val sra = (b.asSInt >> shamt).asUInt
  val lessSigned = a.asSInt < b.asSInt
  val lessUnsigned = a < b

  val res = WireDefault(0.U(33.W))
  switch(aluc) {
    is(ADD) { res := sum }
    is(ADDU) { res := sum }
    is(SUB) { res := diff }
    is(SUBU) { res := diff }
    is(AND) { res := a & b }
    is(OR) { res := a | b }
    is(XOR) { res := a ^ b }
    is(NOR) { res := ~(a | b) }
    is(SLT) { res := lessSigned }
    is(SLTU) { res := lessUnsigned }
    is(SLL) { res := Mux(big, 0.U, sll(31, 0)) }
    is(SRL) { res := Mux(big, 0.U, srl) }
    is(SRA) { res := Mux(big, Fill(32, b(31)), sra) }
    is(SLLV) { res := sll(31, 0) }
    is(SRLV) { res := srl }
    is(SRAV) { res := sra }
    is(LUI) { res := Cat(a(15, 0), 0.U(16.W)) }
  }
  r := res(31, 0)
  zero := res(31, 0) === 0.U
  carry := res(32)
  negative := res(31)
  overflow := Mux(aluc === ADD, a(31) === b(31) && sum(31) =/= a(31),
              Mux(aluc === SUB, a(31) =/= b(31) && diff(31) =/= a(31), false.B))
  flag := Mux(aluc === SLT, lessSigned, Mux(aluc === SLTU, lessUnsigned, false.B))
}
