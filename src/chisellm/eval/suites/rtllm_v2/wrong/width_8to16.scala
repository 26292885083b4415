import chisel3._
import chisel3.util._

// Wrong: the first byte goes to the low half.
class width_8to16 extends RawModule {
  val clk = IO(Input(Clock()))
  val rst_n = IO(Input(Bool()))
  val valid_in = IO(Input(Bool()))
  val data_in = IO(Input(UInt(8.W)))
  val valid_out = IO(Output(Bool()))
  val data_out = IO(Output(UInt(16.W)))
  withClockAndReset(clk, (!rst_n).asAsyncReset) {
    val lock = RegInit(0.U(8.W))
    val second = RegInit(false.B)
    val out = RegInit(0.U(16.W))
    val valid = RegInit(false.B)
    valid := valid_in && second
    when(valid_in) {
      second := !second
      when(second) { out := Cat(data_in, lock) }.otherwise { lock := data_in }
    }
    valid_out := valid
    data_out := out
  }
}
