// expect: compile_error
// top: Broken
import chisel3._
class Broken extends Module {
  val io = IO(new Bundle { val y = Output(UInt(8.W)) }
  io.y := 1.U
}
