import chisel3._
import chisel3.util._

// Triangle wave 0..31..0: at each end the wave holds for one cycle while the direction changes.
class signal_generator extends RawModule {
  val clk = IO(Input(Clock()))
  val rst_n = IO(Input(Bool()))
  val wave = IO(Output(UInt(5.W)))

  withClockAndReset(clk, (!rst_n).asAsyncReset) {
    val down = RegInit(false.B)
    val value = RegInit(0.U(5.W))
    when(!down) {
      when(value === 31.U) { down := true.B }.otherwise { value := value + 1.U }
    }.otherwise {
      when(value === 0.U) { down := false.B }.otherwise { value := value - 1.U }
    }
    wave := value
  }
}
