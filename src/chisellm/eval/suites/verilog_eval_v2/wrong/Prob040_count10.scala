import chisel3._
import chisel3.util._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val reset = IO(Input(Bool()))
  val q = IO(Output(UInt(4.W)))
  withClockAndReset(clk, reset) {
    // Counts 0 to 10: a period of 11.
    val (value, _) = Counter(true.B, 11)
    q := value
  }
}
