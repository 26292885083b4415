import chisel3._

class TopModule extends RawModule {
  val sel = IO(Input(Bool()))
  val a = IO(Input(UInt(8.W)))
  val b = IO(Input(UInt(8.W)))
  val out = IO(Output(UInt(8.W)))
  // Keeps the original's select polarity.
  out := Mux(sel, b, a)
}
