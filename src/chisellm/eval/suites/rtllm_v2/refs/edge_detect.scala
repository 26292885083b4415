import chisel3._
import chisel3.util._

// rise / down are registered: high for the one cycle after a rising / falling edge of a.
class edge_detect extends RawModule {
  val clk = IO(Input(Clock()))
  val rst_n = IO(Input(Bool()))
  val a = IO(Input(Bool()))
  val rise = IO(Output(Bool()))
  val down = IO(Output(Bool()))

  withClockAndReset(clk, (!rst_n).asAsyncReset) {
    val last = RegNext(a, false.B)
    rise := RegNext(a && !last, false.B)
    down := RegNext(!a && last, false.B)
  }
}
