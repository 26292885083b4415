import chisel3._
import chisel3.util._

class ring_counter extends RawModule {
  val clk = IO(Input(Clock()))
  val reset = IO(Input(Bool()))
  val out = IO(Output(UInt(8.W)))

  withClockAndReset(clk, reset) {
    val state = RegInit(1.U(8.W))
    state := Cat(state(6, 0), state(7))
    out := state
  }
}
