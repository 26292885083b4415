import chisel3._
import chisel3.util._

// Odd division: a divider on each clock edge, high for the first NUM_DIV / 2 counts, OR-ed together.
class freq_divbyodd(NUM_DIV: Int = 5) extends RawModule {
  val clk = IO(Input(Clock()))
  val rst_n = IO(Input(Bool()))
  val clk_div = IO(Output(Bool()))

  val reset = (!rst_n).asAsyncReset
  def half(edge: Clock): Bool = withClockAndReset(edge, reset) {
    val cnt = RegInit(0.U(3.W))
    val div = RegInit(true.B)
    cnt := Mux(cnt < (NUM_DIV - 1).U, cnt + 1.U, 0.U)
    div := cnt < (NUM_DIV / 2).U
    div
  }
  clk_div := half(clk) | half((!clk.asBool).asClock)
}
