import chisel3._
import chisel3.util._

class sub_64bit extends RawModule {
  val A = IO(Input(UInt(64.W)))
  val B = IO(Input(UInt(64.W)))
  val result = IO(Output(UInt(64.W)))
  val overflow = IO(Output(Bool()))

  val diff = A - B
  result := diff
  // Overflow only when the operands' signs differ and the result's sign differs from A's.
  overflow := (A(63) =/= B(63)) && (diff(63) =/= A(63))
}
