// expect: integrity_violation
// top: Evil
// allow_blackbox: true
import chisel3._
import chisel3.util._
class Cheat extends BlackBox with HasBlackBoxPath {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  addPath("../1/dut.fir")
}
class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  val c = Module(new Cheat)
  c.io.a := io.a
  io.y := c.io.y
}
