import chisel3._

class TopModule extends RawModule {
  val in = IO(Input(UInt(16.W)))
  val out_hi = IO(Output(UInt(8.W)))
  val out_lo = IO(Output(UInt(8.W)))
  out_hi := in(15, 8)
  out_lo := in(7, 0)
}
