import chisel3._
import chisel3.util._

// Counts consecutive ones after a zero: five then 0 -> disc, six then 0 -> flag, seven or more -> err.
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val reset = IO(Input(Bool()))
  val in = IO(Input(Bool()))
  val disc = IO(Output(Bool()))
  val flag = IO(Output(Bool()))
  val err = IO(Output(Bool()))

  object S extends ChiselEnum {
    val run, discard, flagged, error = Value
  }

  withClockAndReset(clk, reset) {
    val state = RegInit(S.run)
    val ones = RegInit(0.U(3.W)) // consecutive ones so far, while in `run`
    switch(state) {
      is(S.run) {
        when(in) {
          when(ones === 6.U) { state := S.error }.otherwise { ones := ones + 1.U }
        }.otherwise {
          state := Mux(ones === 5.U, S.discard, Mux(ones === 6.U, S.flagged, S.run))
          ones := 0.U
        }
      }
      is(S.discard, S.flagged) {
        state := S.run
        ones := Mux(in, 1.U, 0.U)
      }
      is(S.error) {
        when(!in) { state := S.run; ones := 0.U }
      }
    }
    disc := state === S.discard
    flag := state === S.flagged
    err := state === S.error
  }
}
