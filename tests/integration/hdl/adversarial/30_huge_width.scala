// expect: resource_limit
// top: Evil
import chisel3._

class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  val w = Wire(UInt((1 << 30).W))
  w := 0.U
  dontTouch(w)
  io.y := io.a
}
