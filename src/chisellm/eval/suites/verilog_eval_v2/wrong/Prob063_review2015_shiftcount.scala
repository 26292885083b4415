import chisel3._
import chisel3.util._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val shift_ena = IO(Input(Bool()))
  val count_ena = IO(Input(Bool()))
  val data = IO(Input(Bool()))
  val q = IO(Output(UInt(4.W)))
  withClock(clk) {
    val value = Reg(UInt(4.W))
    when(shift_ena) {
      // Shifts LSB first (data enters at the top).
      value := Cat(data, value(3, 1))
    }.elsewhen(count_ena) {
      value := value - 1.U
    }
    q := value
  }
}
