import chisel3._

class TopModule extends RawModule {
  val a = IO(Input(UInt(8.W)))
  val b = IO(Input(UInt(8.W)))
  val s = IO(Output(UInt(8.W)))
  val overflow = IO(Output(Bool()))
  val total = a + b
  s := total
  // Signed overflow: both operands have the same sign and the result has the other one.
  overflow := (a(7) === b(7)) && (total(7) =/= a(7))
}
