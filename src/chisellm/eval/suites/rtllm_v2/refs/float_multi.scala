import chisel3._
import chisel3.util._

// IEEE-754 single-precision multiply with round-to-nearest-even; subnormal inputs and results are flushed to
// zero. The product is registered into z every cycle; rst clears z.
class float_multi extends RawModule {
  val clk = IO(Input(Clock()))
  val rst = IO(Input(Bool()))
  val a = IO(Input(UInt(32.W)))
  val b = IO(Input(UInt(32.W)))
  val z = IO(Output(UInt(32.W)))

  val sign = a(31) ^ b(31)
  val ea = a(30, 23)
  val eb = b(30, 23)
  val ma = a(22, 0)
  val mb = b(22, 0)
  val aNaN = ea === 255.U && ma =/= 0.U
  val bNaN = eb === 255.U && mb =/= 0.U
  val aInf = ea === 255.U && ma === 0.U
  val bInf = eb === 255.U && mb === 0.U
  val aZero = ea === 0.U
  val bZero = eb === 0.U

  val product = Cat(1.U(1.W), ma) * Cat(1.U(1.W), mb)   // 48 bits, in [2^46, 2^48)
  val top = product(47)
  val mant = Mux(top, product(46, 24), product(45, 23))
  val guard = Mux(top, product(23), product(22))
  val sticky = Mux(top, product(22, 0) =/= 0.U, product(21, 0) =/= 0.U)
  val roundUp = guard && (sticky || mant(0))
  val rounded = mant +& roundUp                          // 24 bits: a carry means the mantissa wrapped
  val carry = rounded(23)
  // Biased exponent plus 127, so that it stays unsigned: ea + eb + normalisation + rounding carry.
  val exp = ea +& eb +& top +& carry                     // 0 .. 512
  val overflow = exp >= (255 + 127).U
  val underflow = exp <= 127.U
  val expOut = (exp - 127.U)(7, 0)

  val normal = Cat(sign, expOut, rounded(22, 0))
  val result = Wire(UInt(32.W))
  when(aNaN || bNaN || (aInf && bZero) || (bInf && aZero)) {
    result := "h7fc00000".U
  }.elsewhen(aInf || bInf || overflow) {
    result := Cat(sign, "h7f800000".U(31.W))
  }.elsewhen(aZero || bZero || underflow) {
    result := Cat(sign, 0.U(31.W))
  }.otherwise {
    result := normal
  }

  withClockAndReset(clk, rst.asAsyncReset) {
    val zReg = RegInit(0.U(32.W))
    zReg := result
    z := zReg
  }
}
