import chisel3._
import chisel3.util._

// Wrong: corrects only when the binary sum overflows 4 bits (> 15), not when it exceeds 9.
class adder_bcd extends RawModule {
  val A = IO(Input(UInt(4.W)))
  val B = IO(Input(UInt(4.W)))
  val Cin = IO(Input(Bool()))
  val Sum = IO(Output(UInt(4.W)))
  val Cout = IO(Output(Bool()))
  val binary = A +& B + Cin
  val overflow = binary > 15.U
  val corrected = Mux(overflow, binary + 6.U, binary)
  Sum := corrected(3, 0)
  Cout := overflow
}
