// expect: timeout
// top: Evil
import chisel3._
object Forever { var x = 0; while (true) { x += 1 } }
class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  Forever.x
  io.y := io.a
}
