import chisel3._
import chisel3.util._

// Wrong: the carry-in is ignored.
class adder_8bit extends RawModule {
  val a = IO(Input(UInt(8.W)))
  val b = IO(Input(UInt(8.W)))
  val cin = IO(Input(Bool()))
  val sum = IO(Output(UInt(8.W)))
  val cout = IO(Output(Bool()))
  val total = a +& b
  sum := total(7, 0)
  cout := total(8)
}
