import chisel3._
import chisel3.util._

// Eight restoring-division steps on the magnitudes, then the signs: the quotient is negative when the operand
// signs differ, the remainder takes the dividend's sign. The result is held until the next operation.
class radix2_div extends RawModule {
  val clk = IO(Input(Clock()))
  val rst = IO(Input(Bool()))
  val sign = IO(Input(Bool()))
  val dividend = IO(Input(UInt(8.W)))
  val divisor = IO(Input(UInt(8.W)))
  val opn_valid = IO(Input(Bool()))
  val res_valid = IO(Output(Bool()))
  val res_ready = IO(Input(Bool()))
  val result = IO(Output(UInt(16.W)))

  withClockAndReset(clk, rst) {
    val busy = RegInit(false.B)
    val valid = RegInit(false.B)
    val cnt = RegInit(0.U(3.W))
    val rem = RegInit(0.U(8.W))
    val quot = RegInit(0.U(8.W))
    val div = RegInit(0.U(8.W))
    val negQ = RegInit(false.B)
    val negR = RegInit(false.B)

    def abs(x: UInt): UInt = Mux(sign && x(7), (0.U - x)(7, 0), x)

    when(!busy && opn_valid && !valid) {
      busy := true.B
      cnt := 0.U
      rem := 0.U
      quot := abs(dividend)
      div := abs(divisor)
      negQ := sign && (dividend(7) ^ divisor(7))
      negR := sign && dividend(7)
    }.elsewhen(busy) {
      val trial = Cat(rem, quot(7))
      val fits = trial >= div
      rem := Mux(fits, trial - div, trial)(7, 0)
      quot := Cat(quot(6, 0), fits)
      cnt := cnt + 1.U
      when(cnt === 7.U) {
        busy := false.B
        valid := true.B
      }
    }
    when(valid && res_ready) { valid := false.B }

    res_valid := valid
    val q = Mux(negQ, (0.U - quot)(7, 0), quot)
    val r = Mux(negR, (0.U - rem)(7, 0), rem)
    result := Cat(r, q)
  }
}
