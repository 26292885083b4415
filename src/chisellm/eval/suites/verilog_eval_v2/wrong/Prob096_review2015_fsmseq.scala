// Wrong on purpose: no overlap: 111 restarts the search.
import chisel3._
import chisel3.util._

// Finds 1101 (overlaps allowed) and then holds start_shifting high until reset.
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val reset = IO(Input(Bool()))
  val data = IO(Input(Bool()))
  val start_shifting = IO(Output(Bool()))

  object S extends ChiselEnum {
    val idle, got1, got11, got110, found = Value
  }

  withClockAndReset(clk, reset) {
    val state = RegInit(S.idle)
    switch(state) {
      is(S.idle) { state := Mux(data, S.got1, S.idle) }
      is(S.got1) { state := Mux(data, S.got11, S.idle) }
      is(S.got11) { state := Mux(data, S.got1, S.got110) }
      is(S.got110) { state := Mux(data, S.found, S.idle) }
      is(S.found) { state := S.found }
    }
    start_shifting := state === S.found
  }
}
