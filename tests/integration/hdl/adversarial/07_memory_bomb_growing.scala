// expect: resource_limit|timeout
// top: Evil
import chisel3._

class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  val buf = scala.collection.mutable.ArrayBuffer[Array[Long]]()
  while (true) buf += new Array[Long](1 << 20)
  io.y := io.a
}
