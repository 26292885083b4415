import chisel3._
import chisel3.util._

// From the waveform: z is 1 exactly when x equals y.
class TopModule extends RawModule {
  val x = IO(Input(Bool()))
  val y = IO(Input(Bool()))
  val z = IO(Output(Bool()))

  z := x === y
}
