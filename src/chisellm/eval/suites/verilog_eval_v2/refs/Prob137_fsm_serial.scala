import chisel3._
import chisel3.util._

// Serial receiver: start bit 0, 8 data bits, stop bit 1. A bad stop bit waits for the line to go idle (1).
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val reset = IO(Input(Bool()))
  val in = IO(Input(Bool()))
  val done = IO(Output(Bool()))

  object S extends ChiselEnum {
    val idle, data, stop, received, waitIdle = Value
  }

  withClockAndReset(clk, reset) {
    val state = RegInit(S.idle)
    val bits = RegInit(0.U(3.W))
    switch(state) {
      is(S.idle) {
        when(!in) { state := S.data; bits := 0.U }
      }
      is(S.data) {
        bits := bits + 1.U
        when(bits === 7.U) { state := S.stop }
      }
      is(S.stop) { state := Mux(in, S.received, S.waitIdle) }
      is(S.received) {
        when(!in) { state := S.data; bits := 0.U }.otherwise { state := S.idle }
      }
      is(S.waitIdle) {
        when(in) { state := S.idle }
      }
    }
    done := state === S.received
  }
}
