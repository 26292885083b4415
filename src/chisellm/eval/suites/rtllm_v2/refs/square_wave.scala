import chisel3._
import chisel3.util._

// wave_out toggles every freq rising edges. There is no reset port, so the registers start unknown.
class square_wave extends RawModule {
  val clk = IO(Input(Clock()))
  val freq = IO(Input(UInt(8.W)))
  val wave_out = IO(Output(Bool()))

  withClock(clk) {
    val count = Reg(UInt(8.W))
    val out = Reg(Bool())
    when(count === freq - 1.U) {
      count := 0.U
      out := !out
    }.otherwise {
      count := count + 1.U
    }
    wave_out := out
  }
}
