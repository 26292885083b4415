import chisel3._
import chisel3.util._

class up_down_counter extends RawModule {
  val clk = IO(Input(Clock()))
  val reset = IO(Input(Bool()))
  val up_down = IO(Input(Bool()))
  val count = IO(Output(UInt(16.W)))

  withClockAndReset(clk, reset) {
    val value = RegInit(0.U(16.W))
    value := Mux(up_down, value + 1.U, value - 1.U)
    count := value
  }
}
