import chisel3._
import chisel3.util._

// Wrong: always normalises as if the mantissa product were >= 2 (takes bits 46..24), so products of
// mantissas below 2 lose a bit and the exponent is one too high.
class float_multi extends RawModule {
  val clk = IO(Input(Clock()))
  val rst = IO(Input(Bool()))
  val a = IO(Input(UInt(32.W)))
  val b = IO(Input(UInt(32.W)))
  val z = IO(Output(UInt(32.W)))
  val sign = a(31) ^ b(31)
  val product = Cat(1.U(1.W), a(22, 0)) * Cat(1.U(1.W), b(22, 0))
  val mant = product(46, 24)
  val roundUp = product(23) && (product(22, 0) =/= 0.U || mant(0))
  val rounded = mant +& roundUp
  val exp = a(30, 23) +& b(30, 23) +& 1.U +& rounded(23)
  val result = Mux(a(30, 23) === 0.U || b(30, 23) === 0.U, Cat(sign, 0.U(31.W)),
                   Cat(sign, (exp - 127.U)(7, 0), rounded(22, 0)))
  withClockAndReset(clk, rst.asAsyncReset) {
    val zReg = RegInit(0.U(32.W))
    zReg := result
    z := zReg
  }
}
