// expect: sandbox_violation
// top: Evil
import chisel3._
class Sneaky extends RuntimeException { override def toString: String = { new java.io.FileWriter("/tmp/chisellm_pwned").close(); "x" } }
class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  throw new Sneaky
  io.y := io.a
}
