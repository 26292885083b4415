// Wrong on purpose: address bits reversed.
import chisel3._
import chisel3.util._

// 8-bit shift register (S enters at Q[0]) read at random by the address {A, B, C}.
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val enable = IO(Input(Bool()))
  val S = IO(Input(Bool()))
  val A = IO(Input(Bool()))
  val B = IO(Input(Bool()))
  val C = IO(Input(Bool()))
  val Z = IO(Output(Bool()))

  withClock(clk) {
    val q = Reg(UInt(8.W))
    when(enable) {
      q := Cat(q(6, 0), S)
    }
    Z := q(Cat(C, B, A))
  }
}
