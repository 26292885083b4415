import chisel3._
import chisel3.util._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val areset = IO(Input(Bool()))
  val bump_left = IO(Input(Bool()))
  val bump_right = IO(Input(Bool()))
  val ground = IO(Input(Bool()))
  val walk_left = IO(Output(Bool()))
  val walk_right = IO(Output(Bool()))
  val aaah = IO(Output(Bool()))

  withClockAndReset(clk, areset.asAsyncReset) {
    val left = RegInit(true.B)     // walking direction, kept while falling
    val falling = RegInit(false.B)
    when(falling) {
      falling := !ground
    }.elsewhen(!ground) {
      falling := true.B
    }.elsewhen(left && bump_left) {
      left := false.B
    }.elsewhen(!left && bump_right) {
      left := true.B
    }
    walk_left := !falling && left
    walk_right := !falling && !left
    aaah := falling
  }
}
