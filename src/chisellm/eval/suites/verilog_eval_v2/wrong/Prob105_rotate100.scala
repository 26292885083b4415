// Wrong on purpose: rotation directions swapped.
import chisel3._
import chisel3.util._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val load = IO(Input(Bool()))
  val ena = IO(Input(UInt(2.W)))
  val data = IO(Input(UInt(100.W)))
  val q = IO(Output(UInt(100.W)))

  withClock(clk) {
    val r = Reg(UInt(100.W))
    when(load) {
      r := data
    }.elsewhen(ena === "b01".U) {
      r := Cat(r(98, 0), r(99)) // right
    }.elsewhen(ena === "b10".U) {
      r := Cat(r(98, 0), r(99)) // left
    }
    q := r
  }
}
