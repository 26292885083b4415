// Wrong on purpose: dig beats fall.
import chisel3._
import chisel3.util._

// Walking, falling and digging; precedence: fall, then dig, then turning around.
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val areset = IO(Input(Bool()))
  val bump_left = IO(Input(Bool()))
  val bump_right = IO(Input(Bool()))
  val ground = IO(Input(Bool()))
  val dig = IO(Input(Bool()))
  val walk_left = IO(Output(Bool()))
  val walk_right = IO(Output(Bool()))
  val aaah = IO(Output(Bool()))
  val digging = IO(Output(Bool()))

  object Act extends ChiselEnum {
    val walk, fall, dig = Value
  }

  withClockAndReset(clk, areset.asAsyncReset) {
    val left = RegInit(true.B)
    val act = RegInit(Act.walk)
    switch(act) {
      is(Act.walk) {
        when(dig) {
          act := Act.dig
        }.elsewhen(!ground) {
          act := Act.fall
        }.elsewhen(left && bump_left) {
          left := false.B
        }.elsewhen(!left && bump_right) {
          left := true.B
        }
      }
      is(Act.fall) { when(ground) { act := Act.walk } }
      is(Act.dig) { when(!ground) { act := Act.fall } }
    }
    walk_left := act === Act.walk && left
    walk_right := act === Act.walk && !left
    aaah := act === Act.fall
    digging := act === Act.dig
  }
}
