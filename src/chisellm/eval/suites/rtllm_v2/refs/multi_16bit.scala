import chisel3._
import chisel3.util._

// Sequential shift-and-accumulate multiplier: count 0 loads the operands, counts 1..16 add one partial product
// each, done is high for the cycle after count 16.
class multi_16bit extends RawModule {
  val clk = IO(Input(Clock()))
  val rst_n = IO(Input(Bool()))
  val start = IO(Input(Bool()))
  val ain = IO(Input(UInt(16.W)))
  val bin = IO(Input(UInt(16.W)))
  val yout = IO(Output(UInt(32.W)))
  val done = IO(Output(Bool()))

  withClockAndReset(clk, (!rst_n).asAsyncReset) {
    val i = RegInit(0.U(5.W))
    val doneR = RegInit(false.B)
    val areg = RegInit(0.U(16.W))
    val breg = RegInit(0.U(16.W))
    val y = RegInit(0.U(32.W))

    when(!start) {
      i := 0.U
    }.elsewhen(i < 17.U) {
      i := i + 1.U
    }

    when(i === 16.U) {
      doneR := true.B
    }.elsewhen(i === 17.U) {
      doneR := false.B
    }

    when(start) {
      when(i === 0.U) {
        areg := ain
        breg := bin
      }.elsewhen(i < 17.U) {
        val bit = i - 1.U
        when(areg(bit(3, 0))) {
          y := y + (Cat(0.U(16.W), breg) << bit(3, 0))(31, 0)
        }
      }
    }
    yout := y
    done := doneR
  }
}
