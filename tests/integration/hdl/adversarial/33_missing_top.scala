// expect: elaboration_error
// top: NotHere
import chisel3._
class Present extends Module {
  val io = IO(new Bundle { val y = Output(UInt(8.W)) })
  io.y := 1.U
}
