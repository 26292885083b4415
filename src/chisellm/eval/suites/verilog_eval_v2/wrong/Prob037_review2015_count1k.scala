import chisel3._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val reset = IO(Input(Bool()))
  val q = IO(Output(UInt(10.W)))
  withClockAndReset(clk, reset) {
    val count = RegInit(0.U(10.W))
    // Off by one: wraps after 1000, a period of 1001.
    count := Mux(count === 1000.U, 0.U, count + 1.U)
    q := count
  }
}
