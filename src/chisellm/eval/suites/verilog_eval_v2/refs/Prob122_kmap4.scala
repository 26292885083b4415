import chisel3._
import chisel3.util._

// A checkerboard K-map: odd parity of the four inputs.
class TopModule extends RawModule {
  val a = IO(Input(Bool()))
  val b = IO(Input(Bool()))
  val c = IO(Input(Bool()))
  val d = IO(Input(Bool()))
  val out = IO(Output(Bool()))

  out := a ^ b ^ c ^ d
}
