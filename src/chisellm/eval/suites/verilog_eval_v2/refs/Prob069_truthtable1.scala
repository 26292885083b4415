import chisel3._

class TopModule extends RawModule {
  val x3 = IO(Input(Bool()))
  val x2 = IO(Input(Bool()))
  val x1 = IO(Input(Bool()))
  val f = IO(Output(Bool()))
  // Rows 2, 3, 5 and 7 are one: f = x3'x2 + x3x1.
  f := Mux(x3, x1, x2)
}
