// Wrong on purpose: odd parity instead of even.
import chisel3._
import chisel3.util._

// From the waveform: q is 1 when an even number of the inputs are 1.
class TopModule extends RawModule {
  val a = IO(Input(Bool()))
  val b = IO(Input(Bool()))
  val c = IO(Input(Bool()))
  val d = IO(Input(Bool()))
  val q = IO(Output(Bool()))

  q := a ^ b ^ c ^ d
}
