// Wrong on purpose: PriorityEncoder alone: zero input gives 3.
import chisel3._
import chisel3.util._

// Position of the lowest set bit; zero when no bit is set.
class TopModule extends RawModule {
  val in = IO(Input(UInt(4.W)))
  val pos = IO(Output(UInt(2.W)))

  pos := PriorityEncoder(in)
}
