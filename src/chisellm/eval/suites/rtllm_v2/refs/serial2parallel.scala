import chisel3._
import chisel3.util._

// Shifts valid bits in MSB first; the cycle after the eighth bit, dout_parallel takes the byte and dout_valid is
// high for one cycle. A cycle without din_valid restarts the count.
class serial2parallel extends RawModule {
  val clk = IO(Input(Clock()))
  val rst_n = IO(Input(Bool()))
  val din_serial = IO(Input(Bool()))
  val din_valid = IO(Input(Bool()))
  val dout_parallel = IO(Output(UInt(8.W)))
  val dout_valid = IO(Output(Bool()))

  withClockAndReset(clk, (!rst_n).asAsyncReset) {
    val cnt = RegInit(0.U(4.W))
    val shift = RegInit(0.U(8.W))
    val out = RegInit(0.U(8.W))
    val valid = RegInit(false.B)
    when(din_valid) {
      cnt := Mux(cnt === 8.U, 0.U, cnt + 1.U)
      when(cnt <= 7.U) { shift := Cat(shift(6, 0), din_serial) }
    }.otherwise {
      cnt := 0.U
    }
    valid := cnt === 8.U
    when(cnt === 8.U) { out := shift }
    dout_parallel := out
    dout_valid := valid
  }
}
