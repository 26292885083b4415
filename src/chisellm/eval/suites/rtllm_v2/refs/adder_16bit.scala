import chisel3._
import chisel3.util._

class Adder8 extends RawModule {
  val a = IO(Input(UInt(8.W)))
  val b = IO(Input(UInt(8.W)))
  val cin = IO(Input(Bool()))
  val y = IO(Output(UInt(8.W)))
  val co = IO(Output(Bool()))
  val total = a +& b + cin
  y := total(7, 0)
  co := total(8)
}

class adder_16bit extends RawModule {
  val a = IO(Input(UInt(16.W)))
  val b = IO(Input(UInt(16.W)))
  val Cin = IO(Input(Bool()))
  val y = IO(Output(UInt(16.W)))
  val Co = IO(Output(Bool()))

  val low = Module(new Adder8)
  val high = Module(new Adder8)
  low.a := a(7, 0)
  low.b := b(7, 0)
  low.cin := Cin
  high.a := a(15, 8)
  high.b := b(15, 8)
  high.cin := low.co
  y := Cat(high.y, low.y)
  Co := high.co
}
