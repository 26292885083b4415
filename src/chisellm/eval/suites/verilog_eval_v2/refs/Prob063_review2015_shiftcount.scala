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
      value := Cat(value(2, 0), data)
    }.elsewhen(count_ena) {
      value := value - 1.U
    }
    q := value
  }
}
