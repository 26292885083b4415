import chisel3._
import chisel3.util._

// Wrong: the accumulator is not cleared after each group of four, so later sums include earlier data.
class accu extends RawModule {
  val clk = IO(Input(Clock()))
  val rst_n = IO(Input(Bool()))
  val data_in = IO(Input(UInt(8.W)))
  val valid_in = IO(Input(Bool()))
  val valid_out = IO(Output(Bool()))
  val data_out = IO(Output(UInt(10.W)))
  withClockAndReset(clk, (!rst_n).asAsyncReset) {
    val count = RegInit(0.U(2.W))
    val acc = RegInit(0.U(10.W))
    val valid = RegInit(false.B)
    valid := false.B
    when(valid_in) {
      count := count + 1.U
      acc := acc + data_in
      when(count === 3.U) { valid := true.B }
    }
    valid_out := valid
    data_out := acc
  }
}
