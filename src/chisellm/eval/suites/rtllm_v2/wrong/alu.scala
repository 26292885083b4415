import chisel3._
import chisel3.util._

// Wrong: LUI takes the upper half of a (a[31:16]) instead of its lower half.
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
  val shamt = a(4, 0)
  val big = a >= 32.U
  val res = MuxLookup(aluc, 0.U(32.W))(Seq(
    "b100000".U -> (a + b), "b100001".U -> (a + b), "b100010".U -> (a - b), "b100011".U -> (a - b),
    "b100100".U -> (a & b), "b100101".U -> (a | b), "b100110".U -> (a ^ b), "b100111".U -> ~(a | b),
    "b101010".U -> (a.asSInt < b.asSInt).asUInt, "b101011".U -> (a < b).asUInt,
    "b000000".U -> Mux(big, 0.U, (b << shamt)(31, 0)), "b000010".U -> Mux(big, 0.U, b >> shamt),
    "b000011".U -> Mux(big, Fill(32, b(31)), (b.asSInt >> shamt).asUInt),
    "b000100".U -> (b << shamt)(31, 0), "b000110".U -> (b >> shamt), "b000111".U -> (b.asSInt >> shamt).asUInt,
    "b001111".U -> Cat(a(31, 16), 0.U(16.W))))
  r := res
  zero := res === 0.U
  carry := false.B
  negative := res(31)
  overflow := false.B
  flag := false.B
}
