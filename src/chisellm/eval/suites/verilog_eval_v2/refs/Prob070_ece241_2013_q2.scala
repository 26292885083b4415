import chisel3._

class TopModule extends RawModule {
  val a = IO(Input(Bool()))
  val b = IO(Input(Bool()))
  val c = IO(Input(Bool()))
  val d = IO(Input(Bool()))
  val out_sop = IO(Output(Bool()))
  val out_pos = IO(Output(Bool()))
  // Ones at 2, 7, 15; don't-cares at 3, 8, 11, 12.
  out_sop := (c && d) || (!a && !b && c)
  out_pos := c && (!b || d) && (!a || b)
}
