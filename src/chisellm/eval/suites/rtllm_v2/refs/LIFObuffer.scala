import chisel3._
import chisel3.util._

// A four-entry stack. SP counts down from 4 (empty) to 0 (full); everything happens only while EN is high.
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
    val stack = Reg(Vec(4, UInt(4.W)))
    val sp = Reg(UInt(3.W))
    val out = Reg(UInt(4.W))
    val empty = sp === 4.U
    val full = sp === 0.U
    when(EN) {
      when(Rst) {
        sp := 4.U
        out := 0.U
        stack.foreach(_ := 0.U)
      }.elsewhen(!RW && !full) {
        stack(sp - 1.U) := dataIn
        sp := sp - 1.U
      }.elsewhen(RW && !empty) {
        out := stack(sp)
        stack(sp) := 0.U
        sp := sp + 1.U
      }
    }
    EMPTY := empty
    FULL := full
    dataOut := out
  }
}
