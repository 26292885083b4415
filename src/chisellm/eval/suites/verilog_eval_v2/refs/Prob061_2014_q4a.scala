import chisel3._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val w = IO(Input(Bool()))
  val R = IO(Input(Bool()))
  val E = IO(Input(Bool()))
  val L = IO(Input(Bool()))
  val Q = IO(Output(Bool()))
  withClock(clk) {
    val stage = Reg(Bool())
    when(L) {
      stage := R
    }.elsewhen(E) {
      stage := w
    }
    Q := stage
  }
}
