import chisel3._
import chisel3.util._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val areset = IO(Input(Bool()))
  val in = IO(Input(Bool()))
  val out = IO(Output(Bool()))

  object S extends ChiselEnum {
    val A, B = Value
  }

  withClockAndReset(clk, areset.asAsyncReset) {
    val state = RegInit(S.B)
    switch(state) {
      is(S.A) { state := Mux(in, S.A, S.B) }
      is(S.B) { state := Mux(in, S.B, S.A) }
    }
    out := state === S.B
  }
}
