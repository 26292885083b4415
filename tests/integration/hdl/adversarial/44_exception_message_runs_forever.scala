// expect: timeout
// top: Evil
import chisel3._
class Sneaky extends RuntimeException { override def getMessage: String = { var i = 0L; while (true) i += 1; "never" } }
class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  throw new Sneaky
  io.y := io.a
}
