import chisel3._
import chisel3.util._

// One-hot Moore FSM, next-state and output logic only: A=0001, B=0010, C=0100, D=1000.
class TopModule extends RawModule {
  val in = IO(Input(Bool()))
  val state = IO(Input(UInt(4.W)))
  val next_state = IO(Output(UInt(4.W)))
  val out = IO(Output(Bool()))

  val a = state(0)
  val b = state(1)
  val c = state(2)
  val d = state(3)
  val nextA = !in && (a || c)
  val nextB = in && (a || b || d)
  val nextC = !in && (b || d)
  val nextD = in && c
  next_state := Cat(nextD, nextC, nextB, nextA)
  out := d
}
