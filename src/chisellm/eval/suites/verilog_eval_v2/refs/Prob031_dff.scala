import chisel3._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val d = IO(Input(Bool()))
  val q = IO(Output(Bool()))
  q := withClock(clk) { RegNext(d) }
}
