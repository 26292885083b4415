import chisel3._
import chisel3.util._

// Restoring long division, one quotient bit per dividend bit, all combinational.
class div_16bit extends RawModule {
  val A = IO(Input(UInt(16.W)))
  val B = IO(Input(UInt(8.W)))
  val result = IO(Output(UInt(16.W)))
  val odd = IO(Output(UInt(16.W)))

  var remainder = 0.U(8.W)
  val quotient = Wire(Vec(16, Bool()))
  for (i <- 15 to 0 by -1) {
    val trial = Cat(remainder, A(i))          // 9 bits
    val fits = trial >= B
    quotient(i) := fits
    remainder = Mux(fits, trial - B, trial)(7, 0)
  }
  result := quotient.asUInt
  odd := remainder
}
