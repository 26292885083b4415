import chisel3._
import chisel3.util._

// Two register levels: the partial products summed in pairs, then the final sum.
class multi_pipe_4bit(size: Int = 4) extends RawModule {
  val clk = IO(Input(Clock()))
  val rst_n = IO(Input(Bool()))
  val mul_a = IO(Input(UInt(size.W)))
  val mul_b = IO(Input(UInt(size.W)))
  val mul_out = IO(Output(UInt((2 * size).W)))

  val w = 2 * size
  val extended = Cat(0.U(size.W), mul_a)
  val partial = (0 until size).map(i => Mux(mul_b(i), (extended << i)(w - 1, 0), 0.U(w.W)))
  withClockAndReset(clk, (!rst_n).asAsyncReset) {
    val sums = partial.grouped(2).toSeq.map { pair =>
      val r = RegInit(0.U(w.W))
      r := pair.reduce(_ + _)
      r
    }
    val out = RegInit(0.U(w.W))
    out := sums.reduce(_ + _)
    mul_out := out
  }
}
