import chisel3._
import chisel3.util._

class counter_12 extends RawModule {
  val rst_n = IO(Input(Bool()))
  val clk = IO(Input(Clock()))
  val valid_count = IO(Input(Bool()))
  val out = IO(Output(UInt(4.W)))

  withClockAndReset(clk, (!rst_n).asAsyncReset) {
    val count = RegInit(0.U(4.W))
    when(valid_count) {
      count := Mux(count === 11.U, 0.U, count + 1.U)
    }
    out := count
  }
}
