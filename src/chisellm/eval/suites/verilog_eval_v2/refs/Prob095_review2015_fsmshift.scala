import chisel3._
import chisel3.util._

// After reset, shift_ena is high for exactly four cycles, then low until the next reset.
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val reset = IO(Input(Bool()))
  val shift_ena = IO(Output(Bool()))

  withClockAndReset(clk, reset) {
    val cycles = RegInit(0.U(3.W))
    when(cycles =/= 4.U) {
      cycles := cycles + 1.U
    }
    shift_ena := cycles < 4.U
  }
}
