// expect: compile_error|sandbox_violation
// top: Evil
import chisel3._
class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  chisel3.internal.Builder.error("x")(chisel3.experimental.UnlocatableSourceInfo)
  io.y := io.a
}
