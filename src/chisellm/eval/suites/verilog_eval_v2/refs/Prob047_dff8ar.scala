import chisel3._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val areset = IO(Input(Bool()))
  val d = IO(Input(UInt(8.W)))
  val q = IO(Output(UInt(8.W)))
  q := withClockAndReset(clk, areset.asAsyncReset) { RegNext(d, 0.U(8.W)) }
}
