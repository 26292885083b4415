// Wrong on purpose: counts up to 7 before wrapping.
import chisel3._
import chisel3.util._

// From the waveform: a = 1 loads 4; otherwise count 4, 5, 6, 0, 1, ... (0 follows 6).
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val a = IO(Input(Bool()))
  val q = IO(Output(UInt(3.W)))

  withClock(clk) {
    val count = Reg(UInt(3.W))
    when(a) {
      count := 4.U
    }.elsewhen(count === 7.U) {
      count := 0.U
    }.otherwise {
      count := count + 1.U
    }
    q := count
  }
}
