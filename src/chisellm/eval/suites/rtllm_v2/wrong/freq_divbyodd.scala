import chisel3._
import chisel3.util._

// Wrong: only the rising-edge half, so the high phase is half a cycle short.
class freq_divbyodd extends RawModule {
  val clk = IO(Input(Clock()))
  val rst_n = IO(Input(Bool()))
  val clk_div = IO(Output(Bool()))
  withClockAndReset(clk, (!rst_n).asAsyncReset) {
    val cnt = RegInit(0.U(3.W))
    val div = RegInit(true.B)
    cnt := Mux(cnt < 4.U, cnt + 1.U, 0.U)
    div := cnt < 2.U
    clk_div := div
  }
}
