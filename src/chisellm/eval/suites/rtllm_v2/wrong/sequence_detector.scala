import chisel3._
import chisel3.util._

// Wrong: a Mealy output (high in the state before the final 1 while data_in is 1), one cycle early.
class sequence_detector extends RawModule {
  val clk = IO(Input(Clock()))
  val rst_n = IO(Input(Bool()))
  val data_in = IO(Input(Bool()))
  val sequence_detected = IO(Output(Bool()))
  object S extends ChiselEnum { val idle, s1, s2, s3 = Value }
  withClockAndReset(clk, (!rst_n).asAsyncReset) {
    val state = RegInit(S.idle)
    switch(state) {
      is(S.idle) { state := Mux(data_in, S.s1, S.idle) }
      is(S.s1) { state := Mux(data_in, S.s1, S.s2) }
      is(S.s2) { state := Mux(data_in, S.s1, S.s3) }
      is(S.s3) { state := Mux(data_in, S.s1, S.idle) }
    }
    sequence_detected := state === S.s3 && data_in
  }
}
