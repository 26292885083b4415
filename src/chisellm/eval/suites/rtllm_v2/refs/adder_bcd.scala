import chisel3._
import chisel3.util._

class adder_bcd extends RawModule {
  val A = IO(Input(UInt(4.W)))
  val B = IO(Input(UInt(4.W)))
  val Cin = IO(Input(Bool()))
  val Sum = IO(Output(UInt(4.W)))
  val Cout = IO(Output(Bool()))

  val binary = A +& B + Cin           // 0 .. 19
  val overflow = binary > 9.U
  val corrected = Mux(overflow, binary + 6.U, binary)
  Sum := corrected(3, 0)
  Cout := overflow
}
