import chisel3._
import chisel3.util._

// Wrong: the counters toggle at 5 and 50 instead of 4 and 49 (dividing by 12 and 102).
class freq_div extends RawModule {
  val CLK_in = IO(Input(Clock()))
  val RST = IO(Input(Bool()))
  val CLK_50 = IO(Output(Bool()))
  val CLK_10 = IO(Output(Bool()))
  val CLK_1 = IO(Output(Bool()))
  withClockAndReset(CLK_in, RST.asAsyncReset) {
    def divider(toggleAt: Int): Bool = {
      val cnt = RegInit(0.U(8.W))
      val out = RegInit(false.B)
      when(cnt === toggleAt.U) { cnt := 0.U; out := !out }.otherwise { cnt := cnt + 1.U }
      out
    }
    val c50 = RegInit(false.B)
    c50 := !c50
    CLK_50 := c50
    CLK_10 := divider(5)
    CLK_1 := divider(50)
  }
}
