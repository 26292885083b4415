// expect: ok
// top: Evil
import chisel3._
class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  val t = System.nanoTime()
  val h = System.identityHashCode(this)
  io.y := io.a
}
