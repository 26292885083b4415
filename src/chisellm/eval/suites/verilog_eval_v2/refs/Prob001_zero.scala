import chisel3._

class TopModule extends RawModule {
  val zero = IO(Output(Bool()))
  zero := false.B
}
