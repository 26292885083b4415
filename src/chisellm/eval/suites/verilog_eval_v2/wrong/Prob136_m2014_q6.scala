// Wrong on purpose: D on w = 1 stays in D instead of returning to A.
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
    switch(state) {
      is(S.A) { state := Mux(w, S.A, S.B) }
      is(S.B) { state := Mux(w, S.D, S.C) }
      is(S.C) { state := Mux(w, S.D, S.E) }
      is(S.D) { state := Mux(w, S.D, S.F) }
      is(S.E) { state := Mux(w, S.D, S.E) }
      is(S.F) { state := Mux(w, S.D, S.C) }
    }
    z := state === S.E || state === S.F
  }
}
