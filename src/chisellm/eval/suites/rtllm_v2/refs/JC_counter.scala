import chisel3._
import chisel3.util._

// 64-bit Johnson counter: shift right, the inverted LSB enters at the MSB.
class JC_counter extends RawModule {
  val clk = IO(Input(Clock()))
  val rst_n = IO(Input(Bool()))
  val Q = IO(Output(UInt(64.W)))

  withClockAndReset(clk, (!rst_n).asAsyncReset) {
    val q = RegInit(0.U(64.W))
    q := Cat(!q(0), q(63, 1))
    Q := q
  }
}
