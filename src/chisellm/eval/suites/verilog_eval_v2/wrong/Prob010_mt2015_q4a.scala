import chisel3._

class TopModule extends RawModule {
  val x = IO(Input(Bool()))
  val y = IO(Input(Bool()))
  val z = IO(Output(Bool()))
  z := (x ^ y) & y
}
