import chisel3._
import chisel3.util._

// 12-hour BCD clock with AM/PM; reset to 12:00:00 AM.
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val reset = IO(Input(Bool()))
  val ena = IO(Input(Bool()))
  val pm = IO(Output(Bool()))
  val hh = IO(Output(UInt(8.W)))
  val mm = IO(Output(UInt(8.W)))
  val ss = IO(Output(UInt(8.W)))

  // A two-digit BCD value that counts up to `last`, then wraps to `first`; returns whether it wrapped.
  def bcdStep(value: UInt, first: Int, last: Int): (UInt, Bool) = {
    val atLast = value === ("h" + last.toString).U
    val low = value(3, 0)
    val incremented = Mux(low === 9.U, Cat(value(7, 4) + 1.U, 0.U(4.W)), value + 1.U)
    (Mux(atLast, ("h" + first.toString).U(8.W), incremented), atLast)
  }

  withClockAndReset(clk, reset) {
    val hours = RegInit("h12".U(8.W))
    val minutes = RegInit(0.U(8.W))
    val seconds = RegInit(0.U(8.W))
    val afternoon = RegInit(false.B)
    when(ena) {
      val (nextS, wrapS) = bcdStep(seconds, 0, 59)
      seconds := nextS
      when(wrapS) {
        val (nextM, wrapM) = bcdStep(minutes, 0, 59)
        minutes := nextM
        when(wrapM) {
          val (nextH, _) = bcdStep(hours, 1, 12)
          hours := nextH
          when(hours === "h11".U) { afternoon := !afternoon }
        }
      }
    }
    pm := afternoon
    hh := hours
    mm := minutes
    ss := seconds
  }
}
