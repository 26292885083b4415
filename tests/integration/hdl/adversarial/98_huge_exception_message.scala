// expect: elaboration_error|resource_limit
// top: Evil
import chisel3._
class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  throw new RuntimeException("y" * 50000000)
  io.y := io.a
}
