import chisel3._
import chisel3.util._

class mux2X1 extends RawModule {
  val in0 = IO(Input(Bool()))
  val in1 = IO(Input(Bool()))
  val sel = IO(Input(Bool()))
  val out = IO(Output(Bool()))
  out := Mux(sel, in1, in0)
}

// Three stages of 2:1 multiplexers shifting right by 4, 2 and 1; zeros shift in at the top.
class barrel_shifter extends RawModule {
  val in = IO(Input(UInt(8.W)))
  val ctrl = IO(Input(UInt(3.W)))
  val out = IO(Output(UInt(8.W)))

  def stage(x: UInt, amount: Int, sel: Bool): UInt = {
    val bits = (0 until 8).map { i =>
      val m = Module(new mux2X1)
      m.in0 := x(i)
      m.in1 := (if (i + amount < 8) x(i + amount) else false.B)
      m.sel := sel
      m.out
    }
    VecInit(bits).asUInt
  }
  out := stage(stage(stage(in, 4, ctrl(2)), 2, ctrl(1)), 1, ctrl(0))
}
