import chisel3._
import chisel3.util._

// Wrong: the partial products are shifted by the wrong amount (i + 1), doubling every product.
class multi_pipe_8bit extends RawModule {
  val clk = IO(Input(Clock()))
  val rst_n = IO(Input(Bool()))
  val mul_en_in = IO(Input(Bool()))
  val mul_a = IO(Input(UInt(8.W)))
  val mul_b = IO(Input(UInt(8.W)))
  val mul_en_out = IO(Output(Bool()))
  val mul_out = IO(Output(UInt(16.W)))
  withClockAndReset(clk, (!rst_n).asAsyncReset) {
    val en = RegInit(0.U(3.W))
    en := Cat(en(1, 0), mul_en_in)
    val aReg = RegInit(0.U(8.W))
    val bReg = RegInit(0.U(8.W))
    when(mul_en_in) { aReg := mul_a; bReg := mul_b }
    val temp = (0 until 8).map(i => Mux(bReg(i), Cat(0.U(8.W), aReg) << (i + 1), 0.U(17.W))(15, 0))
    val total = RegInit(0.U(16.W))
    total := RegNext(temp.reduce(_ + _))
    mul_en_out := en(2)
    mul_out := Mux(en(2), total, 0.U)
  }
}
