// Wrong on purpose: two table entries swapped.
import chisel3._
import chisel3.util._

// From the waveform: a 3-bit address reads a fixed table of 16-bit words.
class TopModule extends RawModule {
  val a = IO(Input(UInt(3.W)))
  val q = IO(Output(UInt(16.W)))

  val table = VecInit(Seq(0x1232, 0xaee0, 0x27d4, 0x5a0e, 0x64ce, 0x2066, 0xc526, 0x2f19).map(_.U(16.W)))
  q := table(a)
}
