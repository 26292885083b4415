import chisel3._

class TopModule extends RawModule {
  val a = IO(Input(Bool()))
  val b = IO(Input(Bool()))
  val sel_b1 = IO(Input(Bool()))
  val sel_b2 = IO(Input(Bool()))
  val out_assign = IO(Output(Bool()))
  val out_always = IO(Output(Bool()))
  // Either select picks b, where both must be set.
  out_assign := Mux(sel_b1 || sel_b2, b, a)
  out_always := Mux(sel_b1 || sel_b2, b, a)
}
