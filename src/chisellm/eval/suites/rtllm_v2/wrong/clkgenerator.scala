import chisel3._
import chisel3.util._

// Wrong: toggles every full period instead of every half period.
class ClockSource extends BlackBox(Map("PERIOD" -> 10)) with HasBlackBoxInline {
  val io = IO(new Bundle { val clk = Output(Bool()) })
  setInline("ClockSource.v",
    """module ClockSource #(parameter PERIOD = 10) (output reg clk);
      |  initial clk = 1'b0;
      |  always #(PERIOD) clk <= ~clk;
      |endmodule
      |""".stripMargin)
}

class clkgenerator extends RawModule {
  val clk = IO(Output(Bool()))
  val source = Module(new ClockSource)
  clk := source.io.clk
}
