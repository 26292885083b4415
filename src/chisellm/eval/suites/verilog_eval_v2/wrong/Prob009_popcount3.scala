import chisel3._

class TopModule extends RawModule {
  val in = IO(Input(UInt(3.W)))
  val out = IO(Output(UInt(2.W)))
  // `+` keeps one bit of width: 1 + 1 wraps to 0.
  out := in(0) + in(1) + in(2)
}
