import chisel3._
import chisel3.util._

class TopModule extends RawModule {
  val in = IO(Input(UInt(8.W)))
  val out = IO(Output(UInt(32.W)))
  out := Cat(Fill(24, in(7)), in)
}
