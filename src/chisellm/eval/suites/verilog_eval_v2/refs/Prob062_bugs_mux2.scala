import chisel3._

// The fixed mux: an 8-bit output, and the testbench's convention that sel = 1 picks a.
class TopModule extends RawModule {
  val sel = IO(Input(Bool()))
  val a = IO(Input(UInt(8.W)))
  val b = IO(Input(UInt(8.W)))
  val out = IO(Output(UInt(8.W)))
  out := Mux(sel, a, b)
}
