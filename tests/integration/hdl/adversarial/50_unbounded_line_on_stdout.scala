// expect: resource_limit
// top: Evil
import chisel3._
class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  val s = "x" * 1000000
  while (true) print(s)
  io.y := io.a
}
