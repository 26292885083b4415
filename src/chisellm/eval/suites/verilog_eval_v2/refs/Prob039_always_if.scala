import chisel3._

class TopModule extends RawModule {
  val a = IO(Input(Bool()))
  val b = IO(Input(Bool()))
  val sel_b1 = IO(Input(Bool()))
  val sel_b2 = IO(Input(Bool()))
  val out_assign = IO(Output(Bool()))
  val out_always = IO(Output(Bool()))
  out_assign := Mux(sel_b1 && sel_b2, b, a)
  when(sel_b1 && sel_b2) {
    out_always := b
  }.otherwise {
    out_always := a
  }
}
