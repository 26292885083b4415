import chisel3._
import chisel3.util._

// A free-running clock source is behavioural Verilog (a delay loop), which Chisel cannot describe: it is a
// black box with inline Verilog. The toggle uses a non-blocking assignment so that the testbench, sampling at
// the same instants, sees the value before the edge.
class ClockSource extends BlackBox(Map("PERIOD" -> 10)) with HasBlackBoxInline {
  val io = IO(new Bundle { val clk = Output(Bool()) })
  setInline("ClockSource.v",
    """module ClockSource #(parameter PERIOD = 10) (output reg clk);
      |  initial clk = 1'b0;
      |  always #(PERIOD / 2) clk <= ~clk;
      |endmodule
      |""".stripMargin)
}

class clkgenerator extends RawModule {
  val clk = IO(Output(Bool()))
  val source = Module(new ClockSource)
  clk := source.io.clk
}
