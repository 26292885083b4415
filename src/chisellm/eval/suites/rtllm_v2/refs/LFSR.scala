import chisel3._
import chisel3.util._

// Shift left, the inverted XOR of the two top bits enters at the LSB. (Ports in the testbench's order.)
class LFSR extends RawModule {
  val out = IO(Output(UInt(4.W)))
  val clk = IO(Input(Clock()))
  val rst = IO(Input(Bool()))

  withClockAndReset(clk, rst) {
    val state = RegInit(0.U(4.W))
    state := Cat(state(2, 0), !(state(3) ^ state(2)))
    out := state
  }
}
