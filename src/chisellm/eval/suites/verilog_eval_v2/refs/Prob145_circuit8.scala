import chisel3._
import chisel3.util._

// From the waveform: p follows a while clock is high and holds while it is low (a latch); q takes a on each
// falling edge of clock. Chisel has no latches: the held value is a sampled on the falling edge, which is what
// the latch holds as long as a does not change at the very instant clock falls.
class TopModule extends RawModule {
  val clock = IO(Input(Bool()))
  val a = IO(Input(Bool()))
  val p = IO(Output(Bool()))
  val q = IO(Output(Bool()))

  withClock((!clock).asClock) {
    val atFall = RegNext(a)
    p := Mux(clock, a, atFall)
    q := atFall
  }
}
