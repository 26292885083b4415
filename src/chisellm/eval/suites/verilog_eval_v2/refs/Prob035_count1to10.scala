import chisel3._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val reset = IO(Input(Bool()))
  val q = IO(Output(UInt(4.W)))
  withClockAndReset(clk, reset) {
    val count = RegInit(1.U(4.W))
    count := Mux(count === 10.U, 1.U, count + 1.U)
    q := count
  }
}
