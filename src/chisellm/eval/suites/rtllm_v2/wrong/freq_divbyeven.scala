import chisel3._
import chisel3.util._

// Wrong: the counter limit is NUM_DIV / 2 instead of NUM_DIV / 2 - 1, dividing by 8.
class freq_divbyeven extends RawModule {
  val clk = IO(Input(Clock()))
  val rst_n = IO(Input(Bool()))
  val clk_div = IO(Output(Bool()))
  withClockAndReset(clk, (!rst_n).asAsyncReset) {
    val cnt = RegInit(0.U(4.W))
    val div = RegInit(false.B)
    when(cnt < 3.U) { cnt := cnt + 1.U }.otherwise { cnt := 0.U; div := !div }
    clk_div := div
  }
}
