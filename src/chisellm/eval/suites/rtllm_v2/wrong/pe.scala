import chisel3._
import chisel3.util._

// Wrong: accumulates a + b instead of a * b.
class pe extends RawModule {
  val clk = IO(Input(Clock()))
  val rst = IO(Input(Bool()))
  val a = IO(Input(UInt(32.W)))
  val b = IO(Input(UInt(32.W)))
  val c = IO(Output(UInt(32.W)))
  withClockAndReset(clk, rst.asAsyncReset) {
    val acc = RegInit(0.U(32.W))
    acc := acc + a + b
    c := acc
  }
}
