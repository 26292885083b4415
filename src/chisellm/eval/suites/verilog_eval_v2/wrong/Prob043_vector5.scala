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
  // XOR (not equal) instead of XNOR (equal).
  out := Cat(for (x <- sigs; y <- sigs) yield x ^ y)
}
