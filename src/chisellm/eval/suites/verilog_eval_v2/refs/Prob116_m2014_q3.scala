import chisel3._
import chisel3.util._

// The K-map names the inputs x[1]..x[4]; here they are bits 0..3 of x. Don't-cares are chosen to keep it small.
class TopModule extends RawModule {
  val x = IO(Input(UInt(4.W)))
  val f = IO(Output(Bool()))

  val x1 = x(0)
  val x2 = x(1)
  val x3 = x(2)
  f := (x3 && !x1) || (!x3 && x1 && x2)
}
