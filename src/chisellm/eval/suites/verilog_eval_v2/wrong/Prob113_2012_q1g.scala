// Wrong on purpose: row 10 read as 1 0 1 1 (one cell misread).
import chisel3._
import chisel3.util._

// K-map rows are x[2]x[3], columns x[0]x[1].
class TopModule extends RawModule {
  val x = IO(Input(UInt(4.W)))
  val f = IO(Output(Bool()))

  val x0 = x(0)
  val x1 = x(1)
  val x2 = x(2)
  val x3 = x(3)
  val row00 = !x2 && !x3 && !x1          // 1 0 0 1
  val row11 = x2 && x3 && (!x0 || x1)    // 1 1 1 0
  val row10 = x2 && !x3 && !(!x0 && x1)  // 1 0 1 1
  f := row00 || row11 || row10
}
