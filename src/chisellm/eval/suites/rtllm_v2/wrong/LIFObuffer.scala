import chisel3._
import chisel3.util._

// Wrong: a FIFO, pops return the oldest entry instead of the newest.
class LIFObuffer extends RawModule {
  val dataIn = IO(Input(UInt(4.W)))
  val RW = IO(Input(Bool()))
  val EN = IO(Input(Bool()))
  val Rst = IO(Input(Bool()))
  val Clk = IO(Input(Clock()))
  val EMPTY = IO(Output(Bool()))
  val FULL = IO(Output(Bool()))
  val dataOut = IO(Output(UInt(4.W)))
  withClock(Clk) {
    val mem = Reg(Vec(4, UInt(4.W)))
    val count = Reg(UInt(3.W))
    val head = Reg(UInt(2.W))
    val out = Reg(UInt(4.W))
    when(EN) {
      when(Rst) {
        count := 0.U; head := 0.U; out := 0.U
      }.elsewhen(!RW && count =/= 4.U) {
        mem((head + count)(1, 0)) := dataIn
        count := count + 1.U
      }.elsewhen(RW && count =/= 0.U) {
        out := mem(head)
        head := head + 1.U
        count := count - 1.U
      }
    }
    EMPTY := count === 0.U
    FULL := count === 4.U
    dataOut := out
  }
}
