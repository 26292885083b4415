import chisel3._
import chisel3.util._

class TopModule extends RawModule {
  val in = IO(Input(UInt(100.W)))
  val out = IO(Output(UInt(100.W)))
  out := VecInit(in.asBools.reverse).asUInt
}
