// expect: integrity_violation
// top: Evil
import chisel3._
import chisel3.experimental.ExtModule
class RefModule extends ExtModule {
  val a = IO(Input(UInt(8.W)))
  val y = IO(Output(UInt(8.W)))
}
class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  val r = Module(new RefModule)
  r.a := io.a
  io.y := r.y
}
