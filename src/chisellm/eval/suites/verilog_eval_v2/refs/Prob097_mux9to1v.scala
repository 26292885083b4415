import chisel3._
import chisel3.util._

class TopModule extends RawModule {
  val a = IO(Input(UInt(16.W)))
  val b = IO(Input(UInt(16.W)))
  val c = IO(Input(UInt(16.W)))
  val d = IO(Input(UInt(16.W)))
  val e = IO(Input(UInt(16.W)))
  val f = IO(Input(UInt(16.W)))
  val g = IO(Input(UInt(16.W)))
  val h = IO(Input(UInt(16.W)))
  val i = IO(Input(UInt(16.W)))
  val sel = IO(Input(UInt(4.W)))
  val out = IO(Output(UInt(16.W)))

  val choices = Seq(a, b, c, d, e, f, g, h, i).zipWithIndex.map { case (v, k) => k.U -> v }
  out := MuxLookup(sel, "hffff".U(16.W))(choices)
}
