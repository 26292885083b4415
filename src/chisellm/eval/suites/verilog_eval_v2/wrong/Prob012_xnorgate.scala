import chisel3._

class TopModule extends RawModule {
  val a = IO(Input(Bool()))
  val b = IO(Input(Bool()))
  val out = IO(Output(Bool()))
  out := a ^ b
}
