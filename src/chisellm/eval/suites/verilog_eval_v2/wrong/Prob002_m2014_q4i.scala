import chisel3._

class TopModule extends RawModule {
  val out = IO(Output(Bool()))
  out := true.B
}
