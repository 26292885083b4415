// Wrong on purpose: S_next forgets S110 on d = 0.
import chisel3._
import chisel3.util._

// One-hot (S, S1, S11, S110, B0, B1, B2, B3, Count, Wait) = state[0..9]; selected next-state bits and outputs.
class TopModule extends RawModule {
  val d = IO(Input(Bool()))
  val done_counting = IO(Input(Bool()))
  val ack = IO(Input(Bool()))
  val state = IO(Input(UInt(10.W)))
  val B3_next = IO(Output(Bool()))
  val S_next = IO(Output(Bool()))
  val S1_next = IO(Output(Bool()))
  val Count_next = IO(Output(Bool()))
  val Wait_next = IO(Output(Bool()))
  val done = IO(Output(Bool()))
  val counting = IO(Output(Bool()))
  val shift_ena = IO(Output(Bool()))

  val sS = state(0)
  val sS1 = state(1)
  val sS110 = state(3)
  val sB2 = state(6)
  val sB3 = state(7)
  val sCount = state(8)
  val sWait = state(9)

  B3_next := sB2
  S_next := (!d && (sS || sS1)) || (sWait && ack)
  S1_next := sS && d
  Count_next := sB3 || (sCount && !done_counting)
  Wait_next := (sCount && done_counting) || (sWait && !ack)
  done := sWait
  counting := sCount
  shift_ena := state(7, 4).orR
}
