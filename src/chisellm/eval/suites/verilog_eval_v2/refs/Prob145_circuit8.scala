import chisel3._
import chisel3.util._

// From the waveform: p follows a while clock is high and holds while it is low (a latch); q takes a on each
// falling edge of clock. The latch is a small inline-Verilog black box: Chisel has no latches.
class TransparentHighLatch extends BlackBox with HasBlackBoxInline {
  val io = IO(new Bundle {
    val en = Input(Bool())
    val d = Input(Bool())
    val q = Output(Bool())
  })
  setInline("TransparentHighLatch.v",
    """module TransparentHighLatch(input en, input d, output reg q);
      |  always @(*) if (en) q = d;
      |endmodule
      |""".stripMargin)
}

class TopModule extends RawModule {
  val clock = IO(Input(Bool()))
  val a = IO(Input(Bool()))
  val p = IO(Output(Bool()))
  val q = IO(Output(Bool()))

  val latch = Module(new TransparentHighLatch)
  latch.io.en := clock
  latch.io.d := a
  p := latch.io.q
  withClock((!clock).asClock) {
    q := RegNext(a)
  }
}
