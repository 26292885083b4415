import chisel3._
import chisel3.util._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val areset = IO(Input(Bool()))
  val j = IO(Input(Bool()))
  val k = IO(Input(Bool()))
  val out = IO(Output(Bool()))

  withClockAndReset(clk, areset.asAsyncReset) {
    val on = RegInit(false.B)
    when(!on && j) {
      on := true.B
    }.elsewhen(on && k) {
      on := false.B
    }
    out := on
  }
}
