import chisel3._
import chisel3.util._

// Finds 3-byte PS/2 messages: a byte with in[3] = 1 starts one; done follows the third byte.
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val reset = IO(Input(Bool()))
  val in = IO(Input(UInt(8.W)))
  val done = IO(Output(Bool()))

  object S extends ChiselEnum {
    val search, byte2, byte3, finished = Value
  }

  withClockAndReset(clk, reset) {
    val state = RegInit(S.search)
    val start = in(3)
    switch(state) {
      is(S.search) { state := Mux(start, S.byte2, S.search) }
      is(S.byte2) { state := S.byte3 }
      is(S.byte3) { state := S.finished }
      is(S.finished) { state := Mux(start, S.byte2, S.search) }
    }
    done := state === S.finished
  }
}
