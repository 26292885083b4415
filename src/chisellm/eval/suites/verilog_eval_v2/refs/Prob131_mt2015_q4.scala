import chisel3._
import chisel3.util._

// The two-input submodules share one port shape.
abstract class TwoInput extends RawModule {
  val x = IO(Input(Bool()))
  val y = IO(Input(Bool()))
  val z = IO(Output(Bool()))
}

// Module A: z = (x ^ y) & x.
class ModuleA extends TwoInput {
  z := (x ^ y) && x
}

// Module B, from its waveform: z = 1 when x equals y.
class ModuleB extends TwoInput {
  z := x === y
}

class TopModule extends RawModule {
  val x = IO(Input(Bool()))
  val y = IO(Input(Bool()))
  val z = IO(Output(Bool()))

  val Seq(a1, b1, a2, b2) = Seq(Module(new ModuleA), Module(new ModuleB), Module(new ModuleA), Module(new ModuleB))
  for (m <- Seq(a1, b1, a2, b2)) {
    m.x := x
    m.y := y
  }
  z := (a1.z || b1.z) ^ (a2.z && b2.z)
}
