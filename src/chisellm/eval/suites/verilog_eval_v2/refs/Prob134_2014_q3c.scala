import chisel3._
import chisel3.util._

// Next-state bit 0 and output of the FSM table (states 000..100); other codes are don't-care.
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val x = IO(Input(Bool()))
  val y = IO(Input(UInt(3.W)))
  val Y0 = IO(Output(Bool()))
  val z = IO(Output(Bool()))

  val next = MuxLookup(y, 0.U(3.W))(Seq(
    "b000".U -> Mux(x, "b001".U, "b000".U),
    "b001".U -> Mux(x, "b100".U, "b001".U),
    "b010".U -> Mux(x, "b001".U, "b010".U),
    "b011".U -> Mux(x, "b010".U, "b001".U),
    "b100".U -> Mux(x, "b100".U, "b011".U)))
  Y0 := next(0)
  z := y === "b011".U || y === "b100".U
}
