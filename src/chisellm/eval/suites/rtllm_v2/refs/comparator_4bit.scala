import chisel3._
import chisel3.util._

class comparator_4bit extends RawModule {
  val A = IO(Input(UInt(4.W)))
  val B = IO(Input(UInt(4.W)))
  val A_greater = IO(Output(Bool()))
  val A_equal = IO(Output(Bool()))
  val A_less = IO(Output(Bool()))

  // A - B with one extra bit: the top bit is the borrow.
  val diff = Cat(0.U(1.W), A) - Cat(0.U(1.W), B)
  val borrow = diff(4)
  val zero = diff(3, 0) === 0.U
  A_less := borrow
  A_equal := !borrow && zero
  A_greater := !borrow && !zero
}
