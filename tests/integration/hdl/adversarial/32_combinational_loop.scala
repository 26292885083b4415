// expect: firtool_error
// top: Loop
import chisel3._
class Loop extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  val w = Wire(UInt(8.W))
  w := w + io.a
  io.y := w
}
