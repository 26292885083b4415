// Wrong on purpose: E on w = 1 goes to C instead of staying.
import chisel3._
import chisel3.util._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val reset = IO(Input(Bool()))
  val w = IO(Input(Bool()))
  val z = IO(Output(Bool()))

  object S extends ChiselEnum {
    val A, B, C, D, E, F = Value
  }

  withClockAndReset(clk, reset) {
    val state = RegInit(S.A)
    val next = WireDefault(state)
    switch(state) {
      is(S.A) { next := Mux(w, S.B, S.A) }
      is(S.B) { next := Mux(w, S.C, S.D) }
      is(S.C) { next := Mux(w, S.E, S.D) }
      is(S.D) { next := Mux(w, S.F, S.A) }
      is(S.E) { next := Mux(w, S.C, S.D) }
      is(S.F) { next := Mux(w, S.C, S.D) }
    }
    state := next
    z := state === S.E || state === S.F
  }
}
