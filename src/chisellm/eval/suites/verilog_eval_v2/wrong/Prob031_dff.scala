import chisel3._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val d = IO(Input(Bool()))
  val q = IO(Output(Bool()))
  // Registered twice: one cycle too late.
  q := withClock(clk) { RegNext(RegNext(d)) }
}
