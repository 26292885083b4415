import chisel3._
import chisel3.util._

// Wrong: the data register is declared 3 bits wide, dropping bit 3 of data_in.
class synchronizer extends RawModule {
  val clk_a = IO(Input(Clock()))
  val clk_b = IO(Input(Clock()))
  val arstn = IO(Input(Bool()))
  val brstn = IO(Input(Bool()))
  val data_in = IO(Input(UInt(4.W)))
  val data_en = IO(Input(Bool()))
  val dataout = IO(Output(UInt(4.W)))
  val (dataReg, enReg) = withClockAndReset(clk_a, (!arstn).asAsyncReset) {
    (RegNext(data_in(2, 0), 0.U(3.W)), RegNext(data_en, false.B))
  }
  withClockAndReset(clk_b, (!brstn).asAsyncReset) {
    val clapTwo = RegNext(RegNext(enReg, false.B), false.B)
    val out = RegInit(0.U(4.W))
    when(clapTwo) { out := dataReg }
    dataout := out
  }
}
