// expect: sandbox_violation
// top: Evil
import chisel3._

class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  println(new String(java.nio.file.Files.readAllBytes(java.nio.file.Paths.get("/proc/1/environ"))))
  io.y := io.a
}
