import chisel3._

class TopModule extends RawModule {
  val in1 = IO(Input(Bool()))
  val in2 = IO(Input(Bool()))
  val in3 = IO(Input(Bool()))
  val out = IO(Output(Bool()))
  // XOR where the first gate should be an XNOR.
  out := (in1 ^ in2) ^ in3
}
