import chisel3._
import chisel3.util._

class FullAdder extends RawModule {
  val a = IO(Input(Bool()))
  val b = IO(Input(Bool()))
  val cin = IO(Input(Bool()))
  val s = IO(Output(Bool()))
  val cout = IO(Output(Bool()))
  s := a ^ b ^ cin
  cout := (a & b) | (cin & (a ^ b))
}

class adder_8bit extends RawModule {
  val a = IO(Input(UInt(8.W)))
  val b = IO(Input(UInt(8.W)))
  val cin = IO(Input(Bool()))
  val sum = IO(Output(UInt(8.W)))
  val cout = IO(Output(Bool()))

  var carry = cin
  val bits = for (i <- 0 until 8) yield {
    val fa = Module(new FullAdder)
    fa.a := a(i)
    fa.b := b(i)
    fa.cin := carry
    carry = fa.cout
    fa.s
  }
  sum := VecInit(bits).asUInt
  cout := carry
}
