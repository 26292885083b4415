import chisel3._
import chisel3.util._

// Divide by 3.5: a count of 7 rising edges gives pulses of 4 and 3 source cycles; a falling-edge copy shifted
// by half a cycle is OR-ed in to even out the two periods.
class freq_divbyfrac(MUL2_DIV_CLK: Int = 7) extends RawModule {
  val clk = IO(Input(Clock()))
  val rst_n = IO(Input(Bool()))
  val clk_div = IO(Output(Bool()))

  val reset = (!rst_n).asAsyncReset
  val second = MUL2_DIV_CLK / 2 + 1
  val cnt = withClockAndReset(clk, reset) {
    val c = RegInit(0.U(4.W))
    c := Mux(c === (MUL2_DIV_CLK - 1).U, 0.U, c + 1.U)
    c
  }
  val average = withClockAndReset(clk, reset) {
    RegNext(cnt === 0.U || cnt === second.U, false.B)
  }
  val adjust = withClockAndReset((!clk.asBool).asClock, reset) {
    RegNext(cnt === 1.U || cnt === second.U, false.B)
  }
  clk_div := average | adjust
}
