import chisel3._
import chisel3.util._

// Wrong: computes B - A.
class sub_64bit extends RawModule {
  val A = IO(Input(UInt(64.W)))
  val B = IO(Input(UInt(64.W)))
  val result = IO(Output(UInt(64.W)))
  val overflow = IO(Output(Bool()))
  val diff = B - A
  result := diff
  overflow := (A(63) =/= B(63)) && (diff(63) =/= B(63))
}
