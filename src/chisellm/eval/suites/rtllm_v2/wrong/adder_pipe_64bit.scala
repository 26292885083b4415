import chisel3._
import chisel3.util._

// Wrong: the result drops the final carry-out (bit 64 is always 0).
class adder_pipe_64bit extends RawModule {
  val clk = IO(Input(Clock()))
  val rst_n = IO(Input(Bool()))
  val i_en = IO(Input(Bool()))
  val adda = IO(Input(UInt(64.W)))
  val addb = IO(Input(UInt(64.W)))
  val result = IO(Output(UInt(65.W)))
  val o_en = IO(Output(Bool()))
  withClockAndReset(clk, (!rst_n).asAsyncReset) {
    val en = RegInit(VecInit(Seq.fill(4)(false.B)))
    en(0) := i_en
    for (k <- 1 until 4) { en(k) := en(k - 1) }
    o_en := en(3)
    val sum = ShiftRegister(adda + addb, 4)
    result := sum
  }
}
