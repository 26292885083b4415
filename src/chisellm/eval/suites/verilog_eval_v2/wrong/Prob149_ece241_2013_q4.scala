// Wrong on purpose: dfr as the prompt's sentence reads it (after a rise).
import chisel3._
import chisel3.util._

// Reservoir controller. The level (0 = below s[0] .. 3 = above s[2]) moves one step per cycle towards what
// the sensors show. The upstream testbench asserts dfr between the sensors when the last level change was
// downwards (the prompt's sentence says upwards; this answer follows the testbench).
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val reset = IO(Input(Bool()))
  val s = IO(Input(UInt(3.W)))
  val fr2 = IO(Output(Bool()))
  val fr1 = IO(Output(Bool()))
  val fr0 = IO(Output(Bool()))
  val dfr = IO(Output(Bool()))

  withClockAndReset(clk, reset) {
    val level = RegInit(0.U(2.W))
    val fell = RegInit(false.B)
    val sensorAbove = Mux(level === 3.U, false.B, s(level))        // the next sensor up is wet
    val sensorAtOrBelow = level === 0.U || s(level - 1.U)         // the sensor under this level is still wet
    when(sensorAbove) {
      level := level + 1.U
      fell := false.B
    }.elsewhen(!sensorAtOrBelow) {
      level := level - 1.U
      fell := true.B
    }
    fr2 := level === 0.U
    fr1 := level <= 1.U
    fr0 := level <= 2.U
    dfr := level === 0.U || (level =/= 3.U && !fell)
  }
}
