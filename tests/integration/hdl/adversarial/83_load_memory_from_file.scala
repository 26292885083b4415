// expect: integrity_violation
// top: Evil
import chisel3._
import chisel3.util.experimental.loadMemoryFromFileInline
class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  val m = SyncReadMem(4, UInt(8.W))
  loadMemoryFromFileInline(m, "/etc/passwd")
  io.y := m.read(io.a(1, 0))
}
