// expect: sandbox_violation
// top: Evil
import chisel3._
class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  val f = classOf[sun.misc.Unsafe].getDeclaredField("theUnsafe")
  f.setAccessible(true)
  val u = f.get(null).asInstanceOf[sun.misc.Unsafe]
  u.putObject(null, 0L, null)
  io.y := io.a
}
