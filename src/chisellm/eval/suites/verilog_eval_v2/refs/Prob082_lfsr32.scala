import chisel3._
import chisel3.util._

// 32-bit Galois LFSR shifting right, taps at positions 32, 22, 2 and 1 (bits 31, 21, 1, 0).
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val reset = IO(Input(Bool()))
  val q = IO(Output(UInt(32.W)))

  withClockAndReset(clk, reset) {
    val lfsr = RegInit(1.U(32.W))
    val feedback = lfsr(0)
    val taps = "h00200003".U(32.W)
    lfsr := Cat(feedback, lfsr(31, 1)) ^ Mux(feedback, taps, 0.U)
    q := lfsr
  }
}
