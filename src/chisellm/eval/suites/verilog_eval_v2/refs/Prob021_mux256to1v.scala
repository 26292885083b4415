import chisel3._
import chisel3.util._

class TopModule extends RawModule {
  val in = IO(Input(UInt(1024.W)))
  val sel = IO(Input(UInt(8.W)))
  val out = IO(Output(UInt(4.W)))
  // Group sel starts at bit 4 * sel.
  out := (in >> Cat(sel, 0.U(2.W)))(3, 0)
}
