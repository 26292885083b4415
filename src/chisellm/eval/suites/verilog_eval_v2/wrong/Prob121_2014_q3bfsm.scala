// Wrong on purpose: 001 with x = 1 goes to 010 instead of 100.
import chisel3._
import chisel3.util._

// State-assigned table with y[2:0] codes 000..100; synchronous reset to 000.
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val reset = IO(Input(Bool()))
  val x = IO(Input(Bool()))
  val z = IO(Output(Bool()))

  withClockAndReset(clk, reset) {
    val y = RegInit(0.U(3.W))
    y := MuxLookup(y, 0.U)(Seq(
      "b000".U -> Mux(x, "b001".U, "b000".U),
      "b001".U -> Mux(x, "b010".U, "b001".U),
      "b010".U -> Mux(x, "b001".U, "b010".U),
      "b011".U -> Mux(x, "b010".U, "b001".U),
      "b100".U -> Mux(x, "b100".U, "b011".U)))
    z := y === "b011".U || y === "b100".U
  }
}
