import chisel3._
import chisel3.util._

class TopModule extends RawModule {
  val a = IO(Input(Bool()))
  val b = IO(Input(Bool()))
  val c = IO(Input(Bool()))
  val d = IO(Input(Bool()))
  val e = IO(Input(Bool()))
  val out = IO(Output(UInt(25.W)))
  val sigs = Seq(a, b, c, d, e)
  // MSB first: out[24] compares a with a, out[23] a with b, ..., out[0] e with e.
  out := Cat(for (x <- sigs; y <- sigs) yield !(x ^ y))
}
