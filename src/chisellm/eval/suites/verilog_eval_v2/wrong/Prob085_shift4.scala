// Wrong on purpose: enable beats load.
import chisel3._
import chisel3.util._

// 4-bit right shifter: asynchronous reset, load beats enable.
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val areset = IO(Input(Bool()))
  val load = IO(Input(Bool()))
  val ena = IO(Input(Bool()))
  val data = IO(Input(UInt(4.W)))
  val q = IO(Output(UInt(4.W)))

  withClockAndReset(clk, areset.asAsyncReset) {
    val r = RegInit(0.U(4.W))
    when(ena) {
      r := r >> 1
    }.elsewhen(load) {
      r := data
    }
    q := r
  }
}
