// Wrong on purpose: synchronous reset where it must be asynchronous.
import chisel3._
import chisel3.util._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val areset = IO(Input(Bool()))
  val in = IO(Input(Bool()))
  val out = IO(Output(Bool()))

  object S extends ChiselEnum {
    val A, B, C, D = Value
  }

  withClockAndReset(clk, areset) {
    val state = RegInit(S.A)
    switch(state) {
      is(S.A) { state := Mux(in, S.B, S.A) }
      is(S.B) { state := Mux(in, S.B, S.C) }
      is(S.C) { state := Mux(in, S.D, S.A) }
      is(S.D) { state := Mux(in, S.B, S.C) }
    }
    out := state === S.D
  }
}
