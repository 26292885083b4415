// Wrong on purpose: bits shifted in MSB first.
import chisel3._
import chisel3.util._

// Serial receiver (start 0, 8 data bits LSB first, stop 1) that also outputs the received byte.
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val in = IO(Input(Bool()))
  val reset = IO(Input(Bool()))
  val out_byte = IO(Output(UInt(8.W)))
  val done = IO(Output(Bool()))

  object S extends ChiselEnum {
    val idle, data, stop, received, waitIdle = Value
  }

  withClockAndReset(clk, reset) {
    val state = RegInit(S.idle)
    val bits = RegInit(0.U(3.W))
    val shifter = Reg(UInt(8.W))
    switch(state) {
      is(S.idle) {
        when(!in) { state := S.data; bits := 0.U }
      }
      is(S.data) {
        shifter := Cat(shifter(6, 0), in) // LSB arrives first and ends up in bit 0
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
    out_byte := shifter
  }
}
