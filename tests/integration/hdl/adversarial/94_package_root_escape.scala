// expect: compile_error|sandbox_violation
// top: Evil
import chisel3._
package _root_.java.lang { class Evil2 }
class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })

  io.y := io.a
}
