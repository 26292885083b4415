import chisel3._

class TopModule extends RawModule {
  val a = IO(Input(Bool()))
  val b = IO(Input(Bool()))
  val c = IO(Input(Bool()))
  val out = IO(Output(Bool()))
  // Misses the column a = 1, bc = 00.
  out := b || c
}
