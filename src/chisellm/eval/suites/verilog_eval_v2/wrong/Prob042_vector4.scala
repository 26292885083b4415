import chisel3._

class TopModule extends RawModule {
  val in = IO(Input(UInt(8.W)))
  val out = IO(Output(UInt(32.W)))
  // Zero-extends instead of sign-extending.
  out := in
}
