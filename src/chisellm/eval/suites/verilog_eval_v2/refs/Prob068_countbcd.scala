import chisel3._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val reset = IO(Input(Bool()))
  val ena = IO(Output(UInt(3.W)))
  val q = IO(Output(UInt(16.W)))
  withClockAndReset(clk, reset) {
    val digits = RegInit(VecInit(Seq.fill(4)(0.U(4.W))))
    // Digit i advances when every digit below it is 9 (digit 0 always advances).
    val advance = Wire(Vec(4, Bool()))
    advance(0) := true.B
    for (i <- 1 until 4) {
      advance(i) := advance(i - 1) && digits(i - 1) === 9.U
    }
    for (i <- 0 until 4) {
      when(advance(i)) {
        digits(i) := Mux(digits(i) === 9.U, 0.U, digits(i) + 1.U)
      }
    }
    ena := advance.asUInt(3, 1)
    q := digits.asUInt
  }
}
