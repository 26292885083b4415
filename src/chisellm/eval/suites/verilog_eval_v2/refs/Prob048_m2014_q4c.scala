import chisel3._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val d = IO(Input(Bool()))
  val r = IO(Input(Bool()))
  val q = IO(Output(Bool()))
  q := withClockAndReset(clk, r) { RegNext(d, false.B) }
}
