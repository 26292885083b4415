import chisel3._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val j = IO(Input(Bool()))
  val k = IO(Input(Bool()))
  val Q = IO(Output(Bool()))
  withClock(clk) {
    val state = Reg(Bool())
    when(j && k) {
      state := !state
    }.elsewhen(j) {
      state := true.B
    }.elsewhen(k) {
      state := false.B
    }
    Q := state
  }
}
