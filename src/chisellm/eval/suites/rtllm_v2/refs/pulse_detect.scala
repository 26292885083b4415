import chisel3._
import chisel3.util._

// The state tracks the 0 -> 1 -> 0 pattern; data_out is high (combinationally) in the cycle the closing 0
// arrives after a 0, 1.
class pulse_detect extends RawModule {
  val clk = IO(Input(Clock()))
  val rst_n = IO(Input(Bool()))
  val data_in = IO(Input(Bool()))
  val data_out = IO(Output(Bool()))

  object S extends ChiselEnum { val start, zero, zeroOne, pulse = Value }
  withClockAndReset(clk, (!rst_n).asAsyncReset) {
    val state = RegInit(S.start)
    switch(state) {
      is(S.start) { state := Mux(data_in, S.start, S.zero) }
      is(S.zero) { state := Mux(data_in, S.zeroOne, S.zero) }
      is(S.zeroOne) { state := Mux(data_in, S.start, S.pulse) }
      is(S.pulse) { state := Mux(data_in, S.zeroOne, S.zero) }
    }
    data_out := rst_n && state === S.zeroOne && !data_in
  }
}
