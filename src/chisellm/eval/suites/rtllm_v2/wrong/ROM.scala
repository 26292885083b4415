import chisel3._
import chisel3.util._

// Wrong: the table is indexed from 1, so every word appears one address late.
class ROM extends RawModule {
  val addr = IO(Input(UInt(8.W)))
  val dout = IO(Output(UInt(16.W)))
  val contents = Seq(0, 0xa0a0, 0xb1b1, 0xc2c2, 0xd3d3)
  val table = VecInit(Seq.tabulate(256)(i => contents.lift(i).getOrElse(0).U(16.W)))
  dout := table(addr)
}
