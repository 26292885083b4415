import chisel3._
import chisel3.util._

// Sums every four valid inputs; the sum appears on data_out with valid_out high for one cycle.
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
    val out = RegInit(0.U(10.W))
    val valid = RegInit(false.B)
    valid := false.B
    when(valid_in) {
      count := count + 1.U
      when(count === 3.U) {
        out := acc + data_in
        valid := true.B
        acc := 0.U
      }.otherwise {
        acc := acc + data_in
      }
    }
    valid_out := valid
    data_out := out
  }
}
