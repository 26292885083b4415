import chisel3._
import chisel3.util._

// Wrong: a Moore machine, MATCH registered one cycle after the last 1.
class fsm extends RawModule {
  val IN = IO(Input(Bool()))
  val CLK = IO(Input(Clock()))
  val RST = IO(Input(Bool()))
  val MATCH = IO(Output(Bool()))
  withClockAndReset(CLK, RST.asAsyncReset) {
    val history = RegInit(0.U(5.W))
    history := Cat(history(3, 0), IN)
    MATCH := history === "b10011".U
  }
}
