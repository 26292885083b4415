// expect: compile_error
// top: Latin
import chisel3._
// café ÿþ
class Latin extends Module {
  val io = IO(new Bundle { val y = Output(UInt(8.W)) })
  io.y := 1.U
}
