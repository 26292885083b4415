// Wrong on purpose: key 0 (8'h45) missing from the table.
import chisel3._
import chisel3.util._

// Scancodes of the keys 0 to 9; anything else gives out = 0 and valid = 0.
class TopModule extends RawModule {
  val code = IO(Input(UInt(8.W)))
  val out = IO(Output(UInt(4.W)))
  val valid = IO(Output(Bool()))

  val scancodes = Seq(0x00, 0x16, 0x1e, 0x26, 0x25, 0x2e, 0x36, 0x3d, 0x3e, 0x46)
  val hits = scancodes.map(sc => code === sc.U)
  valid := hits.reduce(_ || _)
  out := Mux1H(hits, scancodes.indices.map(_.U(4.W)))
}
