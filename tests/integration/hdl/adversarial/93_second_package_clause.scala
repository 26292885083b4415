// expect: compile_error
// top: Evil
package a
import chisel3._
package evil
class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })

  io.y := io.a
}
