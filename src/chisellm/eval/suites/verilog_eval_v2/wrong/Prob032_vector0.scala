import chisel3._

class TopModule extends RawModule {
  val vec = IO(Input(UInt(3.W)))
  val outv = IO(Output(UInt(3.W)))
  val o2 = IO(Output(Bool()))
  val o1 = IO(Output(Bool()))
  val o0 = IO(Output(Bool()))
  outv := vec
  // o2 and o0 swapped.
  o2 := vec(0)
  o1 := vec(1)
  o0 := vec(2)
}
