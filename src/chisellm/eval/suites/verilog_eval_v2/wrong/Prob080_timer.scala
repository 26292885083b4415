// Wrong on purpose: the counter wraps at zero instead of stopping.
import chisel3._
import chisel3.util._

// Loadable down-counter that stops at zero; tc is high while the count is zero.
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val load = IO(Input(Bool()))
  val data = IO(Input(UInt(10.W)))
  val tc = IO(Output(Bool()))

  withClock(clk) {
    val count = Reg(UInt(10.W))
    when(load) {
      count := data
    }.otherwise {
      count := count - 1.U
    }
    tc := count === 0.U
  }
}
