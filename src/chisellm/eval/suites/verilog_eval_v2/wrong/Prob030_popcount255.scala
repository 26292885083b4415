import chisel3._
import chisel3.util._

class TopModule extends RawModule {
  val in = IO(Input(UInt(255.W)))
  val out = IO(Output(UInt(8.W)))
  // Off by one: leaves out the top bit.
  out := PopCount(in(253, 0))
}
