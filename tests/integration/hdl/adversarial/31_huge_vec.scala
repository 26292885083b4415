// expect: resource_limit|timeout
// top: Evil
import chisel3._

class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  val v = Wire(Vec(1 << 22, UInt(8.W)))
  v.foreach(_ := 0.U)
  io.y := io.a
}
