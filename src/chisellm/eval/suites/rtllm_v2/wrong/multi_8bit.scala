import chisel3._
import chisel3.util._

// Wrong: the partial products are kept to 8 bits, so the high byte of the product is lost.
class multi_8bit extends RawModule {
  val A = IO(Input(UInt(8.W)))
  val B = IO(Input(UInt(8.W)))
  val product = IO(Output(UInt(16.W)))
  var acc = 0.U(8.W)
  for (i <- 0 until 8) {
    acc = Mux(B(i), acc + (A << i)(7, 0), acc)
  }
  product := acc
}
