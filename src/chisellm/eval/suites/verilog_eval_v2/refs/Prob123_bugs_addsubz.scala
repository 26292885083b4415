import chisel3._
import chisel3.util._

// Adder-subtractor whose zero flag is driven in every case (the original latched it).
class TopModule extends RawModule {
  val do_sub = IO(Input(Bool()))
  val a = IO(Input(UInt(8.W)))
  val b = IO(Input(UInt(8.W)))
  val out = IO(Output(UInt(8.W)))
  val result_is_zero = IO(Output(Bool()))

  val result = Mux(do_sub, a - b, a + b)
  out := result
  result_is_zero := result === 0.U
}
