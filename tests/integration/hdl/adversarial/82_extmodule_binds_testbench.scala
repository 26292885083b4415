// expect: integrity_violation
// top: Evil
import chisel3._
import chisel3.experimental.ExtModule
class chisellm_tb_0 extends ExtModule
class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  val r = Module(new chisellm_tb_0)
  io.y := io.a
}
