import chisel3._
import chisel3.util._

// Divide by NUM_DIV (even): clk_div toggles every NUM_DIV / 2 rising edges.
class freq_divbyeven(NUM_DIV: Int = 6) extends RawModule {
  val clk = IO(Input(Clock()))
  val rst_n = IO(Input(Bool()))
  val clk_div = IO(Output(Bool()))

  withClockAndReset(clk, (!rst_n).asAsyncReset) {
    val cnt = RegInit(0.U(4.W))
    val div = RegInit(false.B)
    when(cnt < (NUM_DIV / 2 - 1).U) {
      cnt := cnt + 1.U
    }.otherwise {
      cnt := 0.U
      div := !div
    }
    clk_div := div
  }
}
