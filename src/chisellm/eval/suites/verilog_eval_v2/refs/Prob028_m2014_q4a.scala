import chisel3._
import chisel3.util._

// Chisel has no latch, so the latch itself is a small Verilog black box.
class DLatch extends BlackBox with HasBlackBoxInline {
  val io = IO(new Bundle {
    val d = Input(Bool())
    val ena = Input(Bool())
    val q = Output(Bool())
  })
  setInline("DLatch.v",
    """module DLatch(input d, input ena, output reg q);
      |  always @(*) if (ena) q = d;
      |endmodule
      |""".stripMargin)
}

class TopModule extends RawModule {
  val d = IO(Input(Bool()))
  val ena = IO(Input(Bool()))
  val q = IO(Output(Bool()))
  val latch = Module(new DLatch)
  latch.io.d := d
  latch.io.ena := ena
  q := latch.io.q
}
