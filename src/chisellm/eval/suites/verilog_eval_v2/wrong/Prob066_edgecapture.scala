import chisel3._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val reset = IO(Input(Bool()))
  val in = IO(Input(UInt(32.W)))
  val out = IO(Output(UInt(32.W)))
  withClock(clk) {
    val last = RegNext(in)
    val captured = withReset(reset) { RegInit(0.U(32.W)) }
    // Shows this cycle's falling edges only instead of holding them until reset.
    captured := last & ~in
    out := captured
  }
}
