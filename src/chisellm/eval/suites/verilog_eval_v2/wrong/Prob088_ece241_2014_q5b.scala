// Wrong on purpose: Moore-style output: z registered one cycle late.
import chisel3._
import chisel3.util._

// Serial 2's complementer as a one-hot Mealy machine: copy bits up to and including the first 1, then invert.
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val areset = IO(Input(Bool()))
  val x = IO(Input(Bool()))
  val z = IO(Output(Bool()))

  withClockAndReset(clk, areset.asAsyncReset) {
    val stateA = RegInit(true.B)
    val stateB = RegInit(false.B)
    stateA := stateA && !x
    stateB := stateB || (stateA && x)
    z := RegNext((stateA && x) || (stateB && !x), false.B)
  }
}
