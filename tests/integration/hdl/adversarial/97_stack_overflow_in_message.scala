// expect: elaboration_error|resource_limit
// top: Evil
import chisel3._
class Deep extends RuntimeException { override def getMessage: String = getMessage + "x" }
class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  throw new Deep
  io.y := io.a
}
