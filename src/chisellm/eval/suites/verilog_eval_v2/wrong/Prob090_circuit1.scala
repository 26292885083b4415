// Wrong on purpose: OR instead of AND.
import chisel3._
import chisel3.util._

class TopModule extends RawModule {
  val a = IO(Input(Bool()))
  val b = IO(Input(Bool()))
  val q = IO(Output(Bool()))

  q := a || b
}
