import chisel3._

class TopModule extends RawModule {
  val in = IO(Input(UInt(8.W)))
  val parity = IO(Output(Bool()))
  // Odd parity instead of even.
  parity := !in.xorR
}
