// Wrong on purpose: counts delay * 1000 cycles (one thousand short).
import chisel3._
import chisel3.util._

// Find 1101, read a 4-bit delay MSB first, count (delay + 1) * 1000 cycles showing the remaining thousands,
// then assert done until ack.
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val reset = IO(Input(Bool()))
  val data = IO(Input(Bool()))
  val count = IO(Output(UInt(4.W)))
  val counting = IO(Output(Bool()))
  val done = IO(Output(Bool()))
  val ack = IO(Input(Bool()))

  object S extends ChiselEnum {
    val idle, got1, got11, got110, readDelay, run, waitAck = Value
  }

  withClockAndReset(clk, reset) {
    val state = RegInit(S.idle)
    val bitsRead = RegInit(0.U(2.W))
    val remaining = RegInit(0.U(4.W))
    val fast = RegInit(0.U(10.W)) // cycles into the current thousand
    switch(state) {
      is(S.idle) { state := Mux(data, S.got1, S.idle) }
      is(S.got1) { state := Mux(data, S.got11, S.idle) }
      is(S.got11) { state := Mux(data, S.got11, S.got110) }
      is(S.got110) {
        state := Mux(data, S.readDelay, S.idle)
        bitsRead := 0.U
      }
      is(S.readDelay) {
        remaining := Cat(remaining(2, 0), data)
        bitsRead := bitsRead + 1.U
        when(bitsRead === 3.U) {
          state := S.run
          fast := 0.U
        }
      }
      is(S.run) {
        when(fast === 999.U) {
          fast := 0.U
          when(remaining <= 1.U) {
            state := S.waitAck
          }.otherwise {
            remaining := remaining - 1.U
          }
        }.otherwise {
          fast := fast + 1.U
        }
      }
      is(S.waitAck) { when(ack) { state := S.idle } }
    }
    count := remaining
    counting := state === S.run
    done := state === S.waitAck
  }
}
