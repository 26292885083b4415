// Wrong on purpose: next S0 forgets S7 on in = 0.
import chisel3._
import chisel3.util._

// Next-state and output logic of a one-hot FSM; several state bits may be set at once.
class TopModule extends RawModule {
  val in = IO(Input(Bool()))
  val state = IO(Input(UInt(10.W)))
  val next_state = IO(Output(UInt(10.W)))
  val out1 = IO(Output(Bool()))
  val out2 = IO(Output(Bool()))

  val s = state.asBools
  val ns = Wire(Vec(10, Bool()))
  ns(0) := !in && (s(0) || s(1) || s(2) || s(3) || s(4) || s(8) || s(9))
  ns(1) := in && (s(0) || s(8) || s(9))
  for (i <- 2 to 6) {
    ns(i) := in && s(i - 1)
  }
  ns(7) := in && (s(6) || s(7))
  ns(8) := !in && s(5)
  ns(9) := !in && s(6)
  next_state := ns.asUInt
  out1 := s(8) || s(9)
  out2 := s(7) || s(9)
}
