import chisel3._
import chisel3.util._

// Position of the lowest set bit; zero when no bit is set.
class TopModule extends RawModule {
  val in = IO(Input(UInt(4.W)))
  val pos = IO(Output(UInt(2.W)))

  pos := Mux(in(0), 0.U, Mux(in(1), 1.U, Mux(in(2), 2.U, Mux(in(3), 3.U, 0.U))))
}
