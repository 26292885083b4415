import chisel3._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val areset = IO(Input(Bool()))
  val train_valid = IO(Input(Bool()))
  val train_taken = IO(Input(Bool()))
  val state = IO(Output(UInt(2.W)))
  withClockAndReset(clk, areset.asAsyncReset) {
    val counter = RegInit(1.U(2.W))  // weakly not-taken
    when(train_valid) {
      when(train_taken && counter =/= 3.U) {
        counter := counter + 1.U
      }.elsewhen(!train_taken && counter =/= 0.U) {
        counter := counter - 1.U
      }
    }
    state := counter
  }
}
