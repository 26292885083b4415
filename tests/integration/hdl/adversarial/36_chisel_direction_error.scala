// expect: elaboration_error
// top: Backwards
import chisel3._
class Backwards extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  io.a := io.y
}
