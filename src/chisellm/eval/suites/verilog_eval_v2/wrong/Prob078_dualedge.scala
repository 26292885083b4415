import chisel3._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val d = IO(Input(Bool()))
  val q = IO(Output(Bool()))
  val onRise = withClock(clk) { RegNext(d) }
  val onFall = withClock((!clk.asUInt.asBool).asClock) { RegNext(d) }
  // Mux select inverted: shows the flop of the other edge.
  q := Mux(clk.asUInt.asBool, onFall, onRise)
}
