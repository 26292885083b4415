// Wrong on purpose: bytes in the wrong order (first byte in the low bits).
import chisel3._
import chisel3.util._

// PS/2 message finder that also outputs the three bytes (first byte in the top bits) when done.
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val reset = IO(Input(Bool()))
  val in = IO(Input(UInt(8.W)))
  val out_bytes = IO(Output(UInt(24.W)))
  val done = IO(Output(Bool()))

  object S extends ChiselEnum {
    val search, byte2, byte3, finished = Value
  }

  withClockAndReset(clk, reset) {
    val state = RegInit(S.search)
    val bytes = Reg(UInt(24.W))
    bytes := Cat(in, bytes(23, 8))
    switch(state) {
      is(S.search) { state := Mux(in(3), S.byte2, S.search) }
      is(S.byte2) { state := S.byte3 }
      is(S.byte3) { state := S.finished }
      is(S.finished) { state := Mux(in(3), S.byte2, S.search) }
    }
    done := state === S.finished
    out_bytes := bytes
  }
}
