import chisel3._
import chisel3.util._

// A ripple-carry adder of four full adders; the last carry is sum(4).
class TopModule extends RawModule {
  val x = IO(Input(UInt(4.W)))
  val y = IO(Input(UInt(4.W)))
  val sum = IO(Output(UInt(5.W)))
  val carries = Wire(Vec(5, Bool()))
  val bits = Wire(Vec(4, Bool()))
  carries(0) := false.B
  for (i <- 0 until 4) {
    bits(i) := x(i) ^ y(i) ^ carries(i)
    carries(i + 1) := (x(i) & y(i)) | (x(i) & carries(i)) | (y(i) & carries(i))
  }
  sum := Cat(carries(4), bits.asUInt)
}
