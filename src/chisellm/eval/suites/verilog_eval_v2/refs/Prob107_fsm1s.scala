import chisel3._
import chisel3.util._

// Two-state Moore machine; the state register holds the output (B = 1, A = 0). Reset to B.
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val reset = IO(Input(Bool()))
  val in = IO(Input(Bool()))
  val out = IO(Output(Bool()))

  withClockAndReset(clk, reset) {
    val inB = RegInit(true.B)
    // in = 1 keeps the state, in = 0 toggles it.
    when(!in) {
      inB := !inB
    }
    out := inB
  }
}
