import chisel3._

class TopModule extends RawModule {
  val a = IO(Input(UInt(8.W)))
  val b = IO(Input(UInt(8.W)))
  val c = IO(Input(UInt(8.W)))
  val d = IO(Input(UInt(8.W)))
  val min = IO(Output(UInt(8.W)))
  def smaller(x: UInt, y: UInt): UInt = Mux(x < y, x, y)
  // d is left out.
  min := smaller(smaller(a, b), c)
}
