import chisel3._

class TopModule extends RawModule {
  val a = IO(Input(Bool()))
  val b = IO(Input(Bool()))
  val cin = IO(Input(Bool()))
  val cout = IO(Output(Bool()))
  val sum = IO(Output(Bool()))
  sum := a ^ b ^ cin
  cout := (a & b) | (cin & (a ^ b))
}
