// Wrong on purpose: x read MSB-first (x[1] taken as bit 3).
import chisel3._
import chisel3.util._

// The K-map names the inputs x[1]..x[4]; here they are bits 0..3 of x. Don't-cares are chosen to keep it small.
class TopModule extends RawModule {
  val x = IO(Input(UInt(4.W)))
  val f = IO(Output(Bool()))

  val x1 = x(3)
  val x2 = x(2)
  val x3 = x(1)
  f := (x3 && !x1) || (!x3 && x1 && x2)
}
