import chisel3._
import chisel3.util._

// Wrong: the feedback is not inverted, so the all-zero reset state never leaves zero.
class LFSR extends RawModule {
  val out = IO(Output(UInt(4.W)))
  val clk = IO(Input(Clock()))
  val rst = IO(Input(Bool()))
  withClockAndReset(clk, rst) {
    val state = RegInit(0.U(4.W))
    state := Cat(state(2, 0), state(3) ^ state(2))
    out := state
  }
}
