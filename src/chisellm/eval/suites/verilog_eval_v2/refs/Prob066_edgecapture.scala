import chisel3._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val reset = IO(Input(Bool()))
  val in = IO(Input(UInt(32.W)))
  val out = IO(Output(UInt(32.W)))
  withClock(clk) {
    val last = RegNext(in)  // not reset: the previous input is sampled every cycle
    val captured = withReset(reset) { RegInit(0.U(32.W)) }
    captured := captured | (last & ~in)
    out := captured
  }
}
