import chisel3._
import chisel3.util._

class TopModule extends RawModule {
  val in = IO(Input(UInt(100.W)))
  val out_both = IO(Output(UInt(100.W)))
  val out_any = IO(Output(UInt(100.W)))
  val out_different = IO(Output(UInt(100.W)))

  // Left neighbour of bit i is bit i+1; right neighbour is bit i-1.
  out_both := Cat(0.U(1.W), in(99, 1) & in(98, 0))
  out_any := Cat(in(99, 1) | in(98, 0), 0.U(1.W))
  out_different := in ^ Cat(in(0), in(99, 1))
}
