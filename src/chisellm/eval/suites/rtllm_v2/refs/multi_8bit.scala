import chisel3._
import chisel3.util._

// Shift and add: for every set bit of B, add A shifted to that bit's position.
class multi_8bit extends RawModule {
  val A = IO(Input(UInt(8.W)))
  val B = IO(Input(UInt(8.W)))
  val product = IO(Output(UInt(16.W)))

  var acc = 0.U(16.W)
  var shifted = Cat(0.U(8.W), A)
  for (i <- 0 until 8) {
    acc = Mux(B(i), acc + shifted, acc)(15, 0)
    shifted = (shifted << 1)(15, 0)
  }
  product := acc
}
