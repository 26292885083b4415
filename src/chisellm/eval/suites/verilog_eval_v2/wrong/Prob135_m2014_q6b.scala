// Wrong on purpose: C's bit 1 inverted (w = 0 instead of w = 1).
import chisel3._
import chisel3.util._

// Binary codes A=000 .. F=101; Y1 is bit 1 of the next state.
class TopModule extends RawModule {
  val y = IO(Input(UInt(3.W)))
  val w = IO(Input(Bool()))
  val Y1 = IO(Output(Bool()))

  // B -> C or D and F -> C or D both set bit 1; C and E set it only on w = 1 (to D).
  Y1 := MuxLookup(y, false.B)(Seq(
    1.U -> true.B,
    2.U -> !w,
    4.U -> w,
    5.U -> true.B))
}
