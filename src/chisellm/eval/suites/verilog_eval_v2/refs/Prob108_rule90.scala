import chisel3._
import chisel3.util._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val load = IO(Input(Bool()))
  val data = IO(Input(UInt(512.W)))
  val q = IO(Output(UInt(512.W)))

  withClock(clk) {
    val cells = Reg(UInt(512.W))
    val left = cells >> 1 // left neighbour of cell i is i+1; q[512] is 0
    val right = Cat(cells(510, 0), 0.U(1.W)) // right neighbour is i-1; q[-1] is 0
    cells := Mux(load, data, left ^ right)
    q := cells
  }
}
