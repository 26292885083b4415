import chisel3._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val ar = IO(Input(Bool()))
  val d = IO(Input(Bool()))
  val q = IO(Output(Bool()))
  // Synchronous reset where the spec asks for an asynchronous one.
  q := withClockAndReset(clk, ar) { RegNext(d, false.B) }
}
