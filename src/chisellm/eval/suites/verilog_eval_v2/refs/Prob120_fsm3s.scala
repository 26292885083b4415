import chisel3._
import chisel3.util._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val reset = IO(Input(Bool()))
  val in = IO(Input(Bool()))
  val out = IO(Output(Bool()))

  withClockAndReset(clk, reset) {
    // A=0, B=1, C=2, D=3
    val state = RegInit(0.U(2.W))
    state := MuxLookup(state, 0.U)(Seq(
      0.U -> Mux(in, 1.U, 0.U),
      1.U -> Mux(in, 1.U, 2.U),
      2.U -> Mux(in, 3.U, 0.U),
      3.U -> Mux(in, 1.U, 2.U)))
    out := state === 3.U
  }
}
