import chisel3._
import chisel3.util._

// Wrong: the operands are zero-extended, so products of negative numbers are wrong.
class multi_booth_8bit extends RawModule {
  val clk = IO(Input(Clock()))
  val reset = IO(Input(Bool()))
  val a = IO(Input(UInt(8.W)))
  val b = IO(Input(UInt(8.W)))
  val p = IO(Output(UInt(16.W)))
  val rdy = IO(Output(Bool()))
  withClock(clk) {
    val multiplier = Reg(UInt(16.W))
    val multiplicand = Reg(UInt(16.W))
    val product = Reg(UInt(16.W))
    val ctr = Reg(UInt(5.W))
    val ready = Reg(Bool())
    when(reset) {
      multiplier := a
      multiplicand := b
      product := 0.U
      ctr := 0.U
      ready := false.B
    }.elsewhen(ctr < 16.U) {
      multiplicand := (multiplicand << 1)(15, 0)
      when(multiplier(ctr(3, 0))) { product := product + multiplicand }
      ctr := ctr + 1.U
    }.otherwise {
      ready := true.B
    }
    p := product
    rdy := ready
  }
}
