import chisel3._
import chisel3.util._

// Every fourth cycle d is loaded (valid_out high with its MSB on dout); the next three cycles rotate it left.
class parallel2serial extends RawModule {
  val clk = IO(Input(Clock()))
  val rst_n = IO(Input(Bool()))
  val d = IO(Input(UInt(4.W)))
  val valid_out = IO(Output(Bool()))
  val dout = IO(Output(Bool()))

  withClockAndReset(clk, (!rst_n).asAsyncReset) {
    val data = RegInit(0.U(4.W))
    val cnt = RegInit(0.U(2.W))
    val valid = RegInit(false.B)
    when(cnt === 3.U) {
      data := d
      cnt := 0.U
      valid := true.B
    }.otherwise {
      cnt := cnt + 1.U
      valid := false.B
      data := Cat(data(2, 0), data(3))
    }
    valid_out := valid
    dout := data(3)
  }
}
