import chisel3._
import chisel3.util._

// Seconds and minutes count 0..59, hours 0..23; each carries into the next when everything below is at its top.
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
    val secWrap = s === 59.U
    val minWrap = secWrap && m === 59.U
    s := Mux(secWrap, 0.U, s + 1.U)
    when(secWrap) { m := Mux(m === 59.U, 0.U, m + 1.U) }
    when(minWrap) { h := Mux(h === 23.U, 0.U, h + 1.U) }
    Hours := h
    Mins := m
    Secs := s
  }
}
