import chisel3._
import chisel3.util._

class right_shifter extends RawModule {
  val clk = IO(Input(Clock()))
  val d = IO(Input(Bool()))
  val q = IO(Output(UInt(8.W)))

  withClock(clk) {
    val shift = Reg(UInt(8.W))
    shift := Cat(d, shift(7, 1))
    q := shift
  }
}
