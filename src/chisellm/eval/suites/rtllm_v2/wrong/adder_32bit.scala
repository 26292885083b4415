import chisel3._
import chisel3.util._

// Wrong: the carry-out is taken from the lower 16-bit block.
class adder_32bit extends RawModule {
  val A = IO(Input(UInt(32.W)))
  val B = IO(Input(UInt(32.W)))
  val S = IO(Output(UInt(32.W)))
  val C32 = IO(Output(Bool()))
  val lo = A(15, 0) +& B(15, 0)
  val hi = A(31, 16) +& B(31, 16) + lo(16)
  S := Cat(hi(15, 0), lo(15, 0))
  C32 := lo(16)
}
