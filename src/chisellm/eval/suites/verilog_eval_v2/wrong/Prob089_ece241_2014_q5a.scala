// Wrong on purpose: Mealy output (no register) instead of Moore.
import chisel3._
import chisel3.util._

// Serial 2's complementer, Moore: the output shows the complemented bit one cycle after it arrives.
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val areset = IO(Input(Bool()))
  val x = IO(Input(Bool()))
  val z = IO(Output(Bool()))

  withClockAndReset(clk, areset.asAsyncReset) {
    // seenOne: a 1 has passed (later bits are inverted); outBit: the registered output.
    val seenOne = RegInit(false.B)
    val outBit = RegInit(false.B)
    outBit := Mux(seenOne, !x, x)
    when(x) {
      seenOne := true.B
    }
    z := Mux(seenOne, !x, x)
  }
}
