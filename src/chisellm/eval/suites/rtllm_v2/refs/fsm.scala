import chisel3._
import chisel3.util._

// Mealy detector of 10011 with overlap: the state remembers the longest matched prefix of 1001; MATCH is high
// while that prefix is complete and IN is 1.
class fsm extends RawModule {
  val IN = IO(Input(Bool()))
  val CLK = IO(Input(Clock()))
  val RST = IO(Input(Bool()))
  val MATCH = IO(Output(Bool()))

  object S extends ChiselEnum { val idle, s1, s10, s100, s1001 = Value }
  withClockAndReset(CLK, RST.asAsyncReset) {
    val state = RegInit(S.idle)
    switch(state) {
      is(S.idle) { state := Mux(IN, S.s1, S.idle) }
      is(S.s1) { state := Mux(IN, S.s1, S.s10) }
      is(S.s10) { state := Mux(IN, S.s1, S.s100) }
      is(S.s100) { state := Mux(IN, S.s1001, S.idle) }
      is(S.s1001) { state := Mux(IN, S.s1, S.s10) }
    }
    MATCH := !RST && state === S.s1001 && IN
  }
}
