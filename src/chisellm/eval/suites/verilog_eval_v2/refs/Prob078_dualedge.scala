import chisel3._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val d = IO(Input(Bool()))
  val q = IO(Output(Bool()))
  // One flop per clock edge; the clock level picks the one that sampled most recently.
  val onRise = withClock(clk) { RegNext(d) }
  val onFall = withClock((!clk.asUInt.asBool).asClock) { RegNext(d) }
  q := Mux(clk.asUInt.asBool, onRise, onFall)
}
