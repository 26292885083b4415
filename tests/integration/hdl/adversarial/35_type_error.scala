// expect: compile_error
// top: Typed
import chisel3._
class Typed extends Module {
  val io = IO(new Bundle { val y = Output(UInt(8.W)) })
  io.y := "not hardware"
}
