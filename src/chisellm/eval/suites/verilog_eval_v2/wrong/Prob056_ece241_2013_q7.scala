import chisel3._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val j = IO(Input(Bool()))
  val k = IO(Input(Bool()))
  val Q = IO(Output(Bool()))
  withClock(clk) {
    val state = Reg(Bool())
    // J = K = 1 sets instead of toggling.
    when(j) {
      state := true.B
    }.elsewhen(k) {
      state := false.B
    }
    Q := state
  }
}
