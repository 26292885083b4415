import chisel3._
import chisel3.util._

// One-hot A..F = y[0]..y[5]; Y1 feeds flip-flop y[1] (state B), Y3 feeds y[3] (state D).
class TopModule extends RawModule {
  val y = IO(Input(UInt(6.W)))
  val w = IO(Input(Bool()))
  val Y1 = IO(Output(Bool()))
  val Y3 = IO(Output(Bool()))

  Y1 := y(0) && w
  Y3 := !w && (y(1) || y(2) || y(4) || y(5))
}
