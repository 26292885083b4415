// Wrong on purpose: q follows a instead of its inverse.
import chisel3._
import chisel3.util._

// From the waveform: q is the inverse of a, one clock later.
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val a = IO(Input(Bool()))
  val q = IO(Output(Bool()))

  withClock(clk) {
    q := RegNext(a)
  }
}
