// Wrong on purpose: splats after 20 cycles of falling instead of more than 20.
import chisel3._
import chisel3.util._

// Lemmings with splatting: landing after more than 20 cycles of falling ends everything until reset.
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
    val walk, fall, dig, splat = Value
  }

  withClockAndReset(clk, areset.asAsyncReset) {
    val left = RegInit(true.B)
    val act = RegInit(Act.walk)
    val fallCycles = RegInit(0.U(5.W)) // saturates at 20
    when(act === Act.fall) {
      when(fallCycles =/= 20.U) { fallCycles := fallCycles + 1.U }
    }.otherwise {
      fallCycles := 0.U
    }
    switch(act) {
      is(Act.walk) {
        when(!ground) {
          act := Act.fall
        }.elsewhen(dig) {
          act := Act.dig
        }.elsewhen(left && bump_left) {
          left := false.B
        }.elsewhen(!left && bump_right) {
          left := true.B
        }
      }
      // fallCycles counts the earlier cycles of this fall: 20 means this is at least the 21st.
      is(Act.fall) { when(ground) { act := Mux(fallCycles >= 19.U, Act.splat, Act.walk) } }
      is(Act.dig) { when(!ground) { act := Act.fall } }
      is(Act.splat) {}
    }
    walk_left := act === Act.walk && left
    walk_right := act === Act.walk && !left
    aaah := act === Act.fall
    digging := act === Act.dig
  }
}
