import chisel3._
import chisel3.util._

// Mealy detector of overlapping "101" with three states and an active-low asynchronous reset.
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val aresetn = IO(Input(Bool()))
  val x = IO(Input(Bool()))
  val z = IO(Output(Bool()))

  object S extends ChiselEnum {
    val idle, got1, got10 = Value
  }

  withClockAndReset(clk, (!aresetn).asAsyncReset) {
    val state = RegInit(S.idle)
    switch(state) {
      is(S.idle) { state := Mux(x, S.got1, S.idle) }
      is(S.got1) { state := Mux(x, S.got1, S.got10) }
      is(S.got10) { state := Mux(x, S.got1, S.idle) }
    }
    z := state === S.got10 && x
  }
}
