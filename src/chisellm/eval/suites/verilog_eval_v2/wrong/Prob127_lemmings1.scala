// Wrong on purpose: turns on the bump of the side it walks away from.
import chisel3._
import chisel3.util._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val areset = IO(Input(Bool()))
  val bump_left = IO(Input(Bool()))
  val bump_right = IO(Input(Bool()))
  val walk_left = IO(Output(Bool()))
  val walk_right = IO(Output(Bool()))

  withClockAndReset(clk, areset.asAsyncReset) {
    val goingLeft = RegInit(true.B)
    when(goingLeft && bump_right) {
      goingLeft := false.B
    }.elsewhen(!goingLeft && bump_right) {
      goingLeft := true.B
    }
    walk_left := goingLeft
    walk_right := !goingLeft
  }
}
