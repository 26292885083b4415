import chisel3._
import chisel3.util._

// Wrong: signed operands are divided as raw bit patterns (no magnitudes, no sign fix-up).
class radix2_div extends RawModule {
  val clk = IO(Input(Clock()))
  val rst = IO(Input(Bool()))
  val sign = IO(Input(Bool()))
  val dividend = IO(Input(UInt(8.W)))
  val divisor = IO(Input(UInt(8.W)))
  val opn_valid = IO(Input(Bool()))
  val res_valid = IO(Output(Bool()))
  val res_ready = IO(Input(Bool()))
  val result = IO(Output(UInt(16.W)))
  withClockAndReset(clk, rst) {
    val busy = RegInit(false.B)
    val valid = RegInit(false.B)
    val cnt = RegInit(0.U(3.W))
    val rem = RegInit(0.U(8.W))
    val quot = RegInit(0.U(8.W))
    val div = RegInit(0.U(8.W))
    when(!busy && opn_valid && !valid) {
      busy := true.B
      cnt := 0.U
      rem := 0.U
      quot := dividend
      div := divisor
    }.elsewhen(busy) {
      val trial = Cat(rem, quot(7))
      val fits = trial >= div
      rem := Mux(fits, trial - div, trial)(7, 0)
      quot := Cat(quot(6, 0), fits)
      cnt := cnt + 1.U
      when(cnt === 7.U) { busy := false.B; valid := true.B }
    }
    when(valid && res_ready) { valid := false.B }
    res_valid := valid
    result := Cat(rem, quot)
  }
}
