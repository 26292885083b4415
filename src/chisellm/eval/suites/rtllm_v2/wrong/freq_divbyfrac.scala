import chisel3._
import chisel3.util._

// Wrong: no falling-edge adjustment, so the output is a plain rising-edge pulse train.
class freq_divbyfrac extends RawModule {
  val clk = IO(Input(Clock()))
  val rst_n = IO(Input(Bool()))
  val clk_div = IO(Output(Bool()))
  withClockAndReset(clk, (!rst_n).asAsyncReset) {
    val c = RegInit(0.U(4.W))
    c := Mux(c === 6.U, 0.U, c + 1.U)
    clk_div := RegNext(c === 0.U || c === 4.U, false.B)
  }
}
