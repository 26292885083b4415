import chisel3._

class TopModule extends RawModule {
  val in = IO(Input(UInt(4.W)))
  val out_and = IO(Output(Bool()))
  val out_or = IO(Output(Bool()))
  val out_xor = IO(Output(Bool()))
  out_and := in.andR
  out_or := in.orR
  out_xor := in.xorR
}
