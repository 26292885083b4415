import chisel3._

class TopModule extends RawModule {
  val a = IO(Input(Bool()))
  val b = IO(Input(Bool()))
  val c = IO(Input(Bool()))
  val d = IO(Input(Bool()))
  val out = IO(Output(Bool()))
  val out_n = IO(Output(Bool()))
  // The second AND gate is wired to b and c.
  val ab = a && b
  val bc = b && c
  out := ab || bc
  out_n := !(ab || bc)
}
