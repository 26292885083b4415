// expect: resource_limit
// top: Evil
import chisel3._

class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  val big = Array.fill(64)(new Array[Long](1 << 27))
  println(big.length)
  io.y := io.a
}
