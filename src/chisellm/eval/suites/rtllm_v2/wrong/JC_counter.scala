import chisel3._
import chisel3.util._

// Wrong: a ring (the LSB re-enters uninverted), so a cleared counter stays 0.
class JC_counter extends RawModule {
  val clk = IO(Input(Clock()))
  val rst_n = IO(Input(Bool()))
  val Q = IO(Output(UInt(64.W)))
  withClockAndReset(clk, (!rst_n).asAsyncReset) {
    val q = RegInit(0.U(64.W))
    q := Cat(q(0), q(63, 1))
    Q := q
  }
}
