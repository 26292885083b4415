import chisel3._

class TopModule extends RawModule {
  val a = IO(Input(Bool()))
  val b = IO(Input(Bool()))
  val c = IO(Input(Bool()))
  val d = IO(Input(Bool()))
  val out = IO(Output(Bool()))
  // Groups read off the map: (b'c'), (a'd'), (acd), (bcd).
  out := (!b && !c) || (!a && !d) || (a && c && d) || (b && c && d)
}
