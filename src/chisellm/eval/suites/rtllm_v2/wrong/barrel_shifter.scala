import chisel3._
import chisel3.util._

// Wrong: rotates instead of shifting, so bits leaving the bottom re-enter at the top.
class barrel_shifter extends RawModule {
  val in = IO(Input(UInt(8.W)))
  val ctrl = IO(Input(UInt(3.W)))
  val out = IO(Output(UInt(8.W)))
  out := (Cat(in, in) >> ctrl)(7, 0)
}
