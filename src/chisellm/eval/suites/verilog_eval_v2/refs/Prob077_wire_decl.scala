import chisel3._

class TopModule extends RawModule {
  val a = IO(Input(Bool()))
  val b = IO(Input(Bool()))
  val c = IO(Input(Bool()))
  val d = IO(Input(Bool()))
  val out = IO(Output(Bool()))
  val out_n = IO(Output(Bool()))
  val ab = Wire(Bool())
  val cd = Wire(Bool())
  ab := a && b
  cd := c && d
  out := ab || cd
  out_n := !(ab || cd)
}
