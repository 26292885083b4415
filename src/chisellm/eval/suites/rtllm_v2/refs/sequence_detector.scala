import chisel3._
import chisel3.util._

// Moore detector of 1001 with overlap; sequence_detected is high in the state reached by the final 1.
class sequence_detector extends RawModule {
  val clk = IO(Input(Clock()))
  val rst_n = IO(Input(Bool()))
  val data_in = IO(Input(Bool()))
  val sequence_detected = IO(Output(Bool()))

  object S extends ChiselEnum { val idle, s1, s2, s3, s4 = Value }
  withClockAndReset(clk, (!rst_n).asAsyncReset) {
    val state = RegInit(S.idle)
    switch(state) {
      is(S.idle) { state := Mux(data_in, S.s1, S.idle) }
      is(S.s1) { state := Mux(data_in, S.s1, S.s2) }
      is(S.s2) { state := Mux(data_in, S.s1, S.s3) }
      is(S.s3) { state := Mux(data_in, S.s4, S.idle) }
      is(S.s4) { state := Mux(data_in, S.s1, S.s2) }
    }
    sequence_detected := state === S.s4
  }
}
