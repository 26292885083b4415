import chisel3._
import chisel3.util._

// Wrong: read_data keeps the last word read when read_en goes low instead of returning to 0.
class RAM extends RawModule {
  val clk = IO(Input(Clock()))
  val rst_n = IO(Input(Bool()))
  val write_en = IO(Input(Bool()))
  val write_addr = IO(Input(UInt(8.W)))
  val write_data = IO(Input(UInt(6.W)))
  val read_en = IO(Input(Bool()))
  val read_addr = IO(Input(UInt(8.W)))
  val read_data = IO(Output(UInt(6.W)))
  withClockAndReset(clk, (!rst_n).asAsyncReset) {
    val mem = RegInit(VecInit(Seq.fill(8)(0.U(6.W))))
    when(write_en) { mem(write_addr(2, 0)) := write_data }
    val out = RegInit(0.U(6.W))
    when(read_en) { out := mem(read_addr(2, 0)) }
    read_data := out
  }
}
