import chisel3._
import chisel3.util._

// Wrong: the borrow is taken from bit 3 of a 4-bit difference (the sign of A - B), not from a fifth bit.
class comparator_4bit extends RawModule {
  val A = IO(Input(UInt(4.W)))
  val B = IO(Input(UInt(4.W)))
  val A_greater = IO(Output(Bool()))
  val A_equal = IO(Output(Bool()))
  val A_less = IO(Output(Bool()))
  val diff = A - B
  val borrow = diff(3)
  val zero = diff === 0.U
  A_less := borrow
  A_equal := zero
  A_greater := !borrow && !zero
}
