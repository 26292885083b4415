import chisel3._
import chisel3.util._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val resetn = IO(Input(Bool()))
  val in = IO(Input(Bool()))
  val out = IO(Output(Bool()))
  withClockAndReset(clk, !resetn) {
    val stages = RegInit(0.U(4.W))
    stages := Cat(stages(2, 0), in)
    out := stages(3)
  }
}
