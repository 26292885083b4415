import chisel3._

class TopModule extends RawModule {
  val a = IO(Input(UInt(8.W)))
  val b = IO(Input(UInt(8.W)))
  val s = IO(Output(UInt(8.W)))
  val overflow = IO(Output(Bool()))
  val total = a +& b
  s := total(7, 0)
  // Unsigned carry out, not signed overflow.
  overflow := total(8)
}
