// expect: resource_limit
// top: Evil
import chisel3._
class Evil extends RawModule {
  val y = IO(Output(UInt(100000000.W)))
  y := 0.U
}
