// expect: resource_limit
// top: Evil
import chisel3._

class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  def down(n: Int): Int = 1 + down(n + 1)
  down(0)
  io.y := io.a
}
