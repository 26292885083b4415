import chisel3._
import chisel3.util._

// Wrong: seconds wrap after 58 (count 0..58) and the minute carry comes one second early.
class calendar extends RawModule {
  val CLK = IO(Input(Clock()))
  val RST = IO(Input(Bool()))
  val Hours = IO(Output(UInt(6.W)))
  val Mins = IO(Output(UInt(6.W)))
  val Secs = IO(Output(UInt(6.W)))
  withClockAndReset(CLK, RST.asAsyncReset) {
    val s = RegInit(0.U(6.W))
    val m = RegInit(0.U(6.W))
    val h = RegInit(0.U(6.W))
    val secWrap = s === 58.U
    s := Mux(secWrap, 0.U, s + 1.U)
    when(secWrap) { m := Mux(m === 59.U, 0.U, m + 1.U) }
    when(secWrap && m === 59.U) { h := Mux(h === 23.U, 0.U, h + 1.U) }
    Hours := h
    Mins := m
    Secs := s
  }
}
