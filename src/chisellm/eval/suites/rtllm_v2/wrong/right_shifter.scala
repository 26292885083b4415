import chisel3._
import chisel3.util._

// Wrong: shifts left and inserts d at the LSB.
class right_shifter extends RawModule {
  val clk = IO(Input(Clock()))
  val d = IO(Input(Bool()))
  val q = IO(Output(UInt(8.W)))
  withClock(clk) {
    val shift = Reg(UInt(8.W))
    shift := Cat(shift(6, 0), d)
    q := shift
  }
}
