import chisel3._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val in = IO(Input(UInt(8.W)))
  val pedge = IO(Output(UInt(8.W)))
  withClock(clk) {
    val last = RegNext(in)
    // Detects falling edges instead of rising ones.
    pedge := RegNext(~in & last)
  }
}
