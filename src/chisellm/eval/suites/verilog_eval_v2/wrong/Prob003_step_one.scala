import chisel3._

class TopModule extends RawModule {
  val one = IO(Output(Bool()))
  one := 0.U
}
