import chisel3._

class TopModule extends RawModule {
  val x = IO(Input(UInt(4.W)))
  val y = IO(Input(UInt(4.W)))
  val sum = IO(Output(UInt(5.W)))
  // `+` drops the carry out of bit 3.
  sum := x + y
}
