import chisel3._
import chisel3.util._

// 64-bit shifter: left by 1 or 8, arithmetic right by 1 or 8; load beats shifting.
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val load = IO(Input(Bool()))
  val ena = IO(Input(Bool()))
  val amount = IO(Input(UInt(2.W)))
  val data = IO(Input(UInt(64.W)))
  val q = IO(Output(UInt(64.W)))

  withClock(clk) {
    val r = Reg(UInt(64.W))
    when(load) {
      r := data
    }.elsewhen(ena) {
      r := MuxLookup(amount, r)(Seq(
        0.U -> (r << 1)(63, 0),
        1.U -> (r << 8)(63, 0),
        2.U -> Cat(r(63), r(63, 1)),
        3.U -> Cat(Fill(8, r(63)), r(63, 8))))
    }
    q := r
  }
}
