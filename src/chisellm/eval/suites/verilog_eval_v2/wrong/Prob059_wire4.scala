import chisel3._

class TopModule extends RawModule {
  val a = IO(Input(Bool()))
  val b = IO(Input(Bool()))
  val c = IO(Input(Bool()))
  val w = IO(Output(Bool()))
  val x = IO(Output(Bool()))
  val y = IO(Output(Bool()))
  val z = IO(Output(Bool()))
  w := a
  x := b
  y := c
  z := c
}
