import chisel3._
import chisel3.util._

// After s = 1 in state A, look at w in windows of three cycles; z = 1 in the cycle after a window that had
// exactly two ones (which is also the first cycle of the next window).
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val reset = IO(Input(Bool()))
  val s = IO(Input(Bool()))
  val w = IO(Input(Bool()))
  val z = IO(Output(Bool()))

  withClockAndReset(clk, reset) {
    val checking = RegInit(false.B) // false: state A
    val cycle = RegInit(0.U(2.W))    // position in the window, 0..2
    val ones = RegInit(0.U(2.W))     // ones seen so far in the window
    val hit = RegInit(false.B)
    hit := false.B
    when(!checking) {
      checking := s
    }.otherwise {
      val total = ones +& w
      when(cycle === 2.U) {
        hit := total === 2.U
        cycle := 0.U
        ones := 0.U
      }.otherwise {
        cycle := cycle + 1.U
        ones := total
      }
    }
    z := hit
  }
}
