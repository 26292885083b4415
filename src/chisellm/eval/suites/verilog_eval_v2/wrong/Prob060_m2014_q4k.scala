import chisel3._
import chisel3.util._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val resetn = IO(Input(Bool()))
  val in = IO(Input(Bool()))
  val out = IO(Output(Bool()))
  withClockAndReset(clk, !resetn) {
    // Three stages instead of four.
    val stages = RegInit(0.U(3.W))
    stages := Cat(stages(1, 0), in)
    out := stages(2)
  }
}
