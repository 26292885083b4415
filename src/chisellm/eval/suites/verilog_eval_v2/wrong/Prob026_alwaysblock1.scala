import chisel3._

class TopModule extends RawModule {
  val a = IO(Input(Bool()))
  val b = IO(Input(Bool()))
  val out_assign = IO(Output(Bool()))
  val out_alwaysblock = IO(Output(Bool()))
  out_assign := a & b
  out_alwaysblock := false.B
  when(a || b) { out_alwaysblock := true.B }
}
