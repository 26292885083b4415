import chisel3._

class TopModule extends RawModule {
  val a = IO(Input(Bool()))
  val b = IO(Input(Bool()))
  val c = IO(Input(Bool()))
  val d = IO(Input(Bool()))
  val out_sop = IO(Output(Bool()))
  val out_pos = IO(Output(Bool()))
  out_sop := (c && d) || (!a && !b && c)
  // Drops the (a' + b) term, so 10 (a b c d = 1 0 1 0) comes out as 1.
  out_pos := c && (!b || d)
}
