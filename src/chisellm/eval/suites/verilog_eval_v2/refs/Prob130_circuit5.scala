import chisel3._
import chisel3.util._

// From the waveform: c selects b, e, a, d for 0..3 and f (all ones) otherwise.
class TopModule extends RawModule {
  val a = IO(Input(UInt(4.W)))
  val b = IO(Input(UInt(4.W)))
  val c = IO(Input(UInt(4.W)))
  val d = IO(Input(UInt(4.W)))
  val e = IO(Input(UInt(4.W)))
  val q = IO(Output(UInt(4.W)))

  q := MuxLookup(c, "hf".U(4.W))(Seq(0.U -> b, 1.U -> e, 2.U -> a, 3.U -> d))
}
