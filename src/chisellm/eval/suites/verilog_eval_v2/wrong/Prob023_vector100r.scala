import chisel3._

class TopModule extends RawModule {
  val in = IO(Input(UInt(100.W)))
  val out = IO(Output(UInt(100.W)))
  // asBools is LSB first: rebuilding from it without reversing gives the input back.
  out := VecInit(in.asBools).asUInt
}
