import chisel3._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val reset = IO(Input(Bool()))
  val q = IO(Output(UInt(4.W)))
  withClockAndReset(clk, reset) {
    val count = RegInit(0.U(4.W))
    count := Mux(count === 14.U, 0.U, count + 1.U)
    q := count
  }
}
