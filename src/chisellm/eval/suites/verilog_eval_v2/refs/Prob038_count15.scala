import chisel3._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val reset = IO(Input(Bool()))
  val q = IO(Output(UInt(4.W)))
  withClockAndReset(clk, reset) {
    val count = RegInit(0.U(4.W))
    count := count + 1.U
    q := count
  }
}
