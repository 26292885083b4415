import chisel3._
import chisel3.util._

// Wrong: data_out is registered, so it comes one cycle after the end of the pulse.
class pulse_detect extends RawModule {
  val clk = IO(Input(Clock()))
  val rst_n = IO(Input(Bool()))
  val data_in = IO(Input(Bool()))
  val data_out = IO(Output(Bool()))
  withClockAndReset(clk, (!rst_n).asAsyncReset) {
    val history = RegInit(7.U(3.W))
    history := Cat(history(1, 0), data_in)
    data_out := history === "b010".U
  }
}
