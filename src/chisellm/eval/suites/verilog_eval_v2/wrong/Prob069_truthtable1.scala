import chisel3._

class TopModule extends RawModule {
  val x3 = IO(Input(Bool()))
  val x2 = IO(Input(Bool()))
  val x1 = IO(Input(Bool()))
  val f = IO(Output(Bool()))
  // Mux arms swapped.
  f := Mux(x3, x2, x1)
}
