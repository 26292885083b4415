import chisel3._
import chisel3.util._

// Binary-coded Moore FSM (A=0, B=1, C=2, D=3), next-state and output logic only.
class TopModule extends RawModule {
  val in = IO(Input(Bool()))
  val state = IO(Input(UInt(2.W)))
  val next_state = IO(Output(UInt(2.W)))
  val out = IO(Output(Bool()))

  val A = 0.U(2.W)
  val B = 1.U(2.W)
  val C = 2.U(2.W)
  val D = 3.U(2.W)
  next_state := MuxLookup(state, A)(Seq(
    A -> Mux(in, B, A),
    B -> Mux(in, B, C),
    C -> Mux(in, D, A),
    D -> Mux(in, B, C)))
  out := state === D
}
