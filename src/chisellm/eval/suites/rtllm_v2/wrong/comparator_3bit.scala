import chisel3._
import chisel3.util._

// Wrong: compares the operands as signed numbers.
class comparator_3bit extends RawModule {
  val A = IO(Input(UInt(3.W)))
  val B = IO(Input(UInt(3.W)))
  val A_greater = IO(Output(Bool()))
  val A_equal = IO(Output(Bool()))
  val A_less = IO(Output(Bool()))
  A_greater := A.asSInt > B.asSInt
  A_equal := A === B
  A_less := A.asSInt < B.asSInt
}
