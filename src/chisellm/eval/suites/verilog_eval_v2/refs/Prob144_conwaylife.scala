import chisel3._
import chisel3.util._

// Game of life on a 16x16 torus; q[16*r + c] is row r, column c.
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val load = IO(Input(Bool()))
  val data = IO(Input(UInt(256.W)))
  val q = IO(Output(UInt(256.W)))

  withClock(clk) {
    val grid = Reg(UInt(256.W))
    def cell(r: Int, c: Int): Bool = grid(16 * ((r + 16) % 16) + (c + 16) % 16)
    val next = for (r <- 0 until 16; c <- 0 until 16) yield {
      val neighbours = for (dr <- -1 to 1; dc <- -1 to 1 if dr != 0 || dc != 0) yield cell(r + dr, c + dc)
      val count = PopCount(neighbours)
      count === 3.U || (count === 2.U && cell(r, c))
    }
    grid := Mux(load, data, VecInit(next).asUInt)
    q := grid
  }
}
