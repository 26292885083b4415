// expect: sandbox_violation
// top: Evil
import chisel3._
class Nat { @native def x(): Int }
class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  new Nat
  io.y := io.a
}
