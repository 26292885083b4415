import chisel3._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val a = IO(Input(Bool()))
  val b = IO(Input(Bool()))
  val out_assign = IO(Output(Bool()))
  val out_always_comb = IO(Output(Bool()))
  val out_always_ff = IO(Output(Bool()))
  out_assign := a ^ b
  out_always_comb := a ^ b
  // The clocked version is not registered.
  out_always_ff := a ^ b
}
