// Wrong on purpose: carry ignores the carry-in.
import chisel3._
import chisel3.util._

// From the waveform: a serial adder. state is the carry flip-flop, q the sum bit.
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val a = IO(Input(Bool()))
  val b = IO(Input(Bool()))
  val q = IO(Output(Bool()))
  val state = IO(Output(Bool()))

  withClock(clk) {
    val carry = Reg(Bool())
    carry := a && b
    q := a ^ b ^ carry
    state := carry
  }
}
