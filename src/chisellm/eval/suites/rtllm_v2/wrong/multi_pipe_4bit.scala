import chisel3._
import chisel3.util._

// Wrong: one register level only, so the product appears a cycle early.
class multi_pipe_4bit extends RawModule {
  val clk = IO(Input(Clock()))
  val rst_n = IO(Input(Bool()))
  val mul_a = IO(Input(UInt(4.W)))
  val mul_b = IO(Input(UInt(4.W)))
  val mul_out = IO(Output(UInt(8.W)))
  withClockAndReset(clk, (!rst_n).asAsyncReset) {
    val out = RegInit(0.U(8.W))
    out := mul_a * mul_b
    mul_out := out
  }
}
