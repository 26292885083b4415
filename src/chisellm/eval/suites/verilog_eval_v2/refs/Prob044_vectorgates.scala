import chisel3._
import chisel3.util._

class TopModule extends RawModule {
  val a = IO(Input(UInt(3.W)))
  val b = IO(Input(UInt(3.W)))
  val out_or_bitwise = IO(Output(UInt(3.W)))
  val out_or_logical = IO(Output(Bool()))
  val out_not = IO(Output(UInt(6.W)))
  out_or_bitwise := a | b
  out_or_logical := a.orR || b.orR
  out_not := Cat(~b, ~a)
}
