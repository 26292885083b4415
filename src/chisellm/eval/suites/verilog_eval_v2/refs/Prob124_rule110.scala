import chisel3._
import chisel3.util._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val load = IO(Input(Bool()))
  val data = IO(Input(UInt(512.W)))
  val q = IO(Output(UInt(512.W)))

  withClock(clk) {
    val cells = Reg(UInt(512.W))
    val left = Cat(0.U(1.W), cells(511, 1)) // cell i+1, zero beyond the top (full width: it is inverted below)
    val right = Cat(cells(510, 0), 0.U(1.W)) // cell i-1, zero below the bottom
    // Rule 110: the next cell is (C xor R) or (C and not L).
    val next = (cells ^ right) | (cells & ~left)
    cells := Mux(load, data, next)
    q := cells
  }
}
