import chisel3._
import chisel3.util._

class TopModule extends RawModule {
  val in = IO(Input(UInt(32.W)))
  val out = IO(Output(UInt(32.W)))
  // Swaps the 16-bit halves instead of reversing all four bytes.
  out := Cat(in(15, 8), in(7, 0), in(31, 24), in(23, 16))
}
