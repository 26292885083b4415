// expect: resource_limit
// top: Evil
import chisel3._

class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  while (true) System.err.println("spam " * 100)
  io.y := io.a
}
