// expect: resource_limit|timeout
// top: Evil
import chisel3._
class Evil extends RawModule {
  val y = IO(Output(Vec(1000000, UInt(1.W))))
  y := VecInit(Seq.fill(1000000)(0.U(1.W)))
}
