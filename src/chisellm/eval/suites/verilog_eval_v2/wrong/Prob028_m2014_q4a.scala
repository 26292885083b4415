import chisel3._

class TopModule extends RawModule {
  val d = IO(Input(Bool()))
  val ena = IO(Input(Bool()))
  val q = IO(Output(Bool()))
  // A flip-flop clocked by ena: captures d on the rising edge but is not transparent while ena is high.
  q := withClock(ena.asClock) { RegNext(d) }
}
