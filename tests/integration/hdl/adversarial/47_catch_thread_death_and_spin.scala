// expect: timeout
// top: Evil
import chisel3._
class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  var i = 0L
  while (true) { try { while (true) i += 1 } catch { case t: Throwable => i = 0 } }
  io.y := io.a
}
