import chisel3._
import chisel3.util._

// Wrong: the fetch codes are swapped (1 loads the second register).
class instr_reg extends RawModule {
  val clk = IO(Input(Clock()))
  val rst = IO(Input(Bool()))
  val fetch = IO(Input(UInt(2.W)))
  val data = IO(Input(UInt(8.W)))
  val ins = IO(Output(UInt(3.W)))
  val ad1 = IO(Output(UInt(5.W)))
  val ad2 = IO(Output(UInt(8.W)))
  withClockAndReset(clk, !rst) {
    val p1 = RegInit(0.U(8.W))
    val p2 = RegInit(0.U(8.W))
    when(fetch === 2.U) { p1 := data }
    when(fetch === 1.U) { p2 := data }
    ins := p1(7, 5)
    ad1 := p1(4, 0)
    ad2 := p2
  }
}
