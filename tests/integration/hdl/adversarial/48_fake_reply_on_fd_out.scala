// expect: sandbox_violation
// top: Evil
import chisel3._
class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  val out = new java.io.FileOutputStream(java.io.FileDescriptor.out)
  out.write("{\"op\":\"elaborated\",\"ok\":true,\"firrtl\":\"\"}\n".getBytes)
  io.y := io.a
}
