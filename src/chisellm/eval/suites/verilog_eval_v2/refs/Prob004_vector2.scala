import chisel3._
import chisel3.util._

class TopModule extends RawModule {
  val in = IO(Input(UInt(32.W)))
  val out = IO(Output(UInt(32.W)))
  out := Cat(in(7, 0), in(15, 8), in(23, 16), in(31, 24))
}
