// Wrong on purpose: shift_ena lasts three cycles.
import chisel3._
import chisel3.util._

// Timer control FSM: find 1101, shift for four cycles, count until done_counting, then done until ack.
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val reset = IO(Input(Bool()))
  val data = IO(Input(Bool()))
  val done_counting = IO(Input(Bool()))
  val ack = IO(Input(Bool()))
  val shift_ena = IO(Output(Bool()))
  val counting = IO(Output(Bool()))
  val done = IO(Output(Bool()))

  object S extends ChiselEnum {
    val idle, got1, got11, got110, shift, count, waitAck = Value
  }

  withClockAndReset(clk, reset) {
    val state = RegInit(S.idle)
    val shifted = RegInit(0.U(2.W))
    switch(state) {
      is(S.idle) { state := Mux(data, S.got1, S.idle) }
      is(S.got1) { state := Mux(data, S.got11, S.idle) }
      is(S.got11) { state := Mux(data, S.got11, S.got110) }
      is(S.got110) {
        state := Mux(data, S.shift, S.idle)
        shifted := 0.U
      }
      is(S.shift) {
        shifted := shifted + 1.U
        when(shifted === 2.U) { state := S.count }
      }
      is(S.count) { when(done_counting) { state := S.waitAck } }
      is(S.waitAck) { when(ack) { state := S.idle } }
    }
    shift_ena := state === S.shift
    counting := state === S.count
    done := state === S.waitAck
  }
}
