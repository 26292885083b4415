import chisel3._
import chisel3.util._

// Wrong: turns around without holding the end values (31 and 0 last one cycle only).
class signal_generator extends RawModule {
  val clk = IO(Input(Clock()))
  val rst_n = IO(Input(Bool()))
  val wave = IO(Output(UInt(5.W)))
  withClockAndReset(clk, (!rst_n).asAsyncReset) {
    val down = RegInit(false.B)
    val value = RegInit(0.U(5.W))
    when(!down) {
      when(value === 30.U) { down := true.B }
      value := value + 1.U
    }.otherwise {
      when(value === 1.U) { down := false.B }
      value := value - 1.U
    }
    wave := value
  }
}
