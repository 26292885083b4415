import chisel3._
import chisel3.util._

// Two-state Moore machine (JK flip-flop behaviour) with a synchronous reset to OFF.
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val reset = IO(Input(Bool()))
  val j = IO(Input(Bool()))
  val k = IO(Input(Bool()))
  val out = IO(Output(Bool()))

  object S extends ChiselEnum {
    val off, on = Value
  }

  withClockAndReset(clk, reset) {
    val state = RegInit(S.off)
    switch(state) {
      is(S.off) { state := Mux(j, S.on, S.off) }
      is(S.on) { state := Mux(k, S.off, S.on) }
    }
    out := state === S.on
  }
}
