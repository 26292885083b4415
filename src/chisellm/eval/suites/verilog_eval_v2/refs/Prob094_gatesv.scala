import chisel3._
import chisel3.util._

class TopModule extends RawModule {
  val in = IO(Input(UInt(4.W)))
  val out_both = IO(Output(UInt(4.W)))
  val out_any = IO(Output(UInt(4.W)))
  val out_different = IO(Output(UInt(4.W)))

  val bits = in.asBools
  out_both := VecInit((0 until 4).map(i => if (i == 3) false.B else bits(i) && bits(i + 1))).asUInt
  out_any := VecInit((0 until 4).map(i => if (i == 0) false.B else bits(i) || bits(i - 1))).asUInt
  out_different := VecInit((0 until 4).map(i => bits(i) =/= bits((i + 1) % 4))).asUInt
}
