// expect: timeout
// top: Evil
import chisel3._

class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  locally {
    @scala.annotation.tailrec def spin(n: Int): Int = spin(n + 1)
    spin(0)
  }
  io.y := io.a
}
