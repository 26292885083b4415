import chisel3._

class TopModule extends RawModule {
  val a = IO(Input(Bool()))
  val b = IO(Input(Bool()))
  val c = IO(Input(Bool()))
  val out = IO(Output(Bool()))
  // Only the cell a=0, b=0, c=0 is zero.
  out := a || b || c
}
