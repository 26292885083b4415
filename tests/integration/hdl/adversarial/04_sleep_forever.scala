// expect: sandbox_violation|timeout
// top: Evil
import chisel3._

class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  Thread.sleep(1000000000L)
  io.y := io.a
}
