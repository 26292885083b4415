import chisel3._
import chisel3.util._

class TopModule extends RawModule {
  val p1a = IO(Input(Bool()))
  val p1b = IO(Input(Bool()))
  val p1c = IO(Input(Bool()))
  val p1d = IO(Input(Bool()))
  val p1e = IO(Input(Bool()))
  val p1f = IO(Input(Bool()))
  val p2a = IO(Input(Bool()))
  val p2b = IO(Input(Bool()))
  val p2c = IO(Input(Bool()))
  val p2d = IO(Input(Bool()))
  val p1y = IO(Output(Bool()))
  val p2y = IO(Output(Bool()))

  val and1 = p1a && p1b && p1c
  val and2 = p1d && p1e && p1f
  val and3 = p2a && p2b
  val and4 = p2c && p2d
  p1y := and1 || and2
  p2y := and3 || and4
}
