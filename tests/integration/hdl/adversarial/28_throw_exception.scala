// expect: elaboration_error
// top: Evil
import chisel3._

class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  throw new IllegalStateException("boom from the generator")
  io.y := io.a
}
