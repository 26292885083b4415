import chisel3._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val areset = IO(Input(Bool()))
  val train_valid = IO(Input(Bool()))
  val train_taken = IO(Input(Bool()))
  val state = IO(Output(UInt(2.W)))
  withClockAndReset(clk, areset.asAsyncReset) {
    val counter = RegInit(1.U(2.W))
    // No saturation: 3 wraps to 0 and 0 to 3.
    when(train_valid) {
      counter := Mux(train_taken, counter + 1.U, counter - 1.U)
    }
    state := counter
  }
}
