import chisel3._

class TopModule extends RawModule {
  val in = IO(Input(UInt(1024.W)))
  val sel = IO(Input(UInt(8.W)))
  val out = IO(Output(UInt(4.W)))
  // Shifts by sel bits instead of 4 * sel bits.
  out := (in >> sel)(3, 0)
}
