// expect: sandbox_violation
// top: Evil
import chisel3._
class Fin { override def finalize(): Unit = { var i = 0; while (true) i += 1 } }
class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  for (_ <- 0 until 1000) new Fin
  System.gc()
  io.y := io.a
}
