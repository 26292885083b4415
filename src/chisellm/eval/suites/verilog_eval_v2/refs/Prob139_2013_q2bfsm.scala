import chisel3._
import chisel3.util._

// Motor controller: f for one cycle after reset, then watch x for 1,0,1; then g, kept only if y = 1 within
// two cycles.
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val resetn = IO(Input(Bool()))
  val x = IO(Input(Bool()))
  val y = IO(Input(Bool()))
  val f = IO(Output(Bool()))
  val g = IO(Output(Bool()))

  object S extends ChiselEnum {
    val start, pulseF, watch, saw1, saw10, waitY1, waitY2, keepG, dropG = Value
  }

  withClockAndReset(clk, !resetn) {
    val state = RegInit(S.start)
    switch(state) {
      is(S.start) { state := S.pulseF }
      is(S.pulseF) { state := S.watch }
      is(S.watch) { state := Mux(x, S.saw1, S.watch) }
      is(S.saw1) { state := Mux(x, S.saw1, S.saw10) }
      is(S.saw10) { state := Mux(x, S.waitY1, S.watch) }
      is(S.waitY1) { state := Mux(y, S.keepG, S.waitY2) }
      is(S.waitY2) { state := Mux(y, S.keepG, S.dropG) }
      is(S.keepG) { state := S.keepG }
      is(S.dropG) { state := S.dropG }
    }
    f := state === S.pulseF
    g := state === S.waitY1 || state === S.waitY2 || state === S.keepG
  }
}
