import chisel3._
import chisel3.util._

// Wrong: the carry between the two 8-bit halves is dropped.
class adder_16bit extends RawModule {
  val a = IO(Input(UInt(16.W)))
  val b = IO(Input(UInt(16.W)))
  val Cin = IO(Input(Bool()))
  val y = IO(Output(UInt(16.W)))
  val Co = IO(Output(Bool()))
  val low = a(7, 0) +& b(7, 0) + Cin
  val high = a(15, 8) +& b(15, 8)
  y := Cat(high(7, 0), low(7, 0))
  Co := high(8)
}
