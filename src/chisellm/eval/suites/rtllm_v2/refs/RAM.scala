import chisel3._
import chisel3.util._

// Eight 6-bit words, cleared by reset; registered read, 0 when read_en is low.
class RAM(WIDTH: Int = 6, DEPTH: Int = 8) extends RawModule {
  val clk = IO(Input(Clock()))
  val rst_n = IO(Input(Bool()))
  val write_en = IO(Input(Bool()))
  val write_addr = IO(Input(UInt(8.W)))
  val write_data = IO(Input(UInt(WIDTH.W)))
  val read_en = IO(Input(Bool()))
  val read_addr = IO(Input(UInt(8.W)))
  val read_data = IO(Output(UInt(WIDTH.W)))

  val index = log2Ceil(DEPTH)
  withClockAndReset(clk, (!rst_n).asAsyncReset) {
    val mem = RegInit(VecInit(Seq.fill(DEPTH)(0.U(WIDTH.W))))
    when(write_en) { mem(write_addr(index - 1, 0)) := write_data }
    val out = RegInit(0.U(WIDTH.W))
    out := Mux(read_en, mem(read_addr(index - 1, 0)), 0.U)
    read_data := out
  }
}
