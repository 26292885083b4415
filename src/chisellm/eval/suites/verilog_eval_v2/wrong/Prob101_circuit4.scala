// Wrong on purpose: d taken into the OR.
import chisel3._
import chisel3.util._

class TopModule extends RawModule {
  val a = IO(Input(Bool()))
  val b = IO(Input(Bool()))
  val c = IO(Input(Bool()))
  val d = IO(Input(Bool()))
  val q = IO(Output(Bool()))

  q := b || c || d
}
