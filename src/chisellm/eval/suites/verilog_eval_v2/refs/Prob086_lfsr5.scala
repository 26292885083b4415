import chisel3._
import chisel3.util._

// 5-bit maximal-length Galois LFSR, taps at positions 5 and 3.
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val reset = IO(Input(Bool()))
  val q = IO(Output(UInt(5.W)))

  withClockAndReset(clk, reset) {
    val r = RegInit(1.U(5.W))
    val lsb = r(0)
    r := Cat(lsb, r(4), r(3) ^ lsb, r(2), r(1))
    q := r
  }
}
