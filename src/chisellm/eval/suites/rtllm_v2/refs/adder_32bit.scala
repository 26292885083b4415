import chisel3._
import chisel3.util._

// A 16-bit carry-lookahead block: generate/propagate per bit, carries computed from them.
class Cla16 extends RawModule {
  val a = IO(Input(UInt(16.W)))
  val b = IO(Input(UInt(16.W)))
  val cin = IO(Input(Bool()))
  val s = IO(Output(UInt(16.W)))
  val cout = IO(Output(Bool()))

  val g = a & b
  val p = a ^ b
  val c = Wire(Vec(17, Bool()))
  c(0) := cin
  for (i <- 0 until 16) {
    c(i + 1) := g(i) | (p(i) & c(i))
  }
  s := p ^ c.asUInt(15, 0)
  cout := c(16)
}

class adder_32bit extends RawModule {
  val A = IO(Input(UInt(32.W)))
  val B = IO(Input(UInt(32.W)))
  val S = IO(Output(UInt(32.W)))
  val C32 = IO(Output(Bool()))

  val lo = Module(new Cla16)
  val hi = Module(new Cla16)
  lo.a := A(15, 0)
  lo.b := B(15, 0)
  lo.cin := false.B
  hi.a := A(31, 16)
  hi.b := B(31, 16)
  hi.cin := lo.cout
  S := Cat(hi.s, lo.s)
  C32 := hi.cout
}
