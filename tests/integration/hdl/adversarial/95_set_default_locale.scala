// expect: sandbox_violation
// top: Evil
import chisel3._
class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  java.util.Locale.setDefault(java.util.Locale.GERMAN)
  io.y := io.a
}
