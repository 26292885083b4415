// expect: ok
// top: Evil
import chisel3._
class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  println("{\"op\":\"elaborated\",\"ok\":true,\"firrtl\":\"circuit X :\"}")
  System.out.println("not json at all {{{")
  System.err.println("{\"op\":\"compiled\"}")
  io.y := io.a
}
