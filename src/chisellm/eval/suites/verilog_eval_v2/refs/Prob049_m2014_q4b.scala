import chisel3._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val ar = IO(Input(Bool()))
  val d = IO(Input(Bool()))
  val q = IO(Output(Bool()))
  q := withClockAndReset(clk, ar.asAsyncReset) { RegNext(d, false.B) }
}
