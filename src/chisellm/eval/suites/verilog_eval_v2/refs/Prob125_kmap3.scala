import chisel3._
import chisel3.util._

// The K-map columns are in the order ab = 01, 00, 10, 11; don't-cares are chosen to give a | (!b & c).
class TopModule extends RawModule {
  val a = IO(Input(Bool()))
  val b = IO(Input(Bool()))
  val c = IO(Input(Bool()))
  val d = IO(Input(Bool()))
  val out = IO(Output(Bool()))

  out := a || (!b && c)
}
