import chisel3._

class TopModule extends RawModule {
  val in = IO(Input(UInt(8.W)))
  val out = IO(Output(UInt(8.W)))
  // Reverses the nibbles, not the bits.
  out := (in(3, 0) << 4) | in(7, 4)
}
