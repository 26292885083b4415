import chisel3._

class TopModule extends RawModule {
  val A = IO(Input(UInt(2.W)))
  val B = IO(Input(UInt(2.W)))
  val z = IO(Output(Bool()))
  // Compares only the low bit.
  z := A(0) === B(0)
}
