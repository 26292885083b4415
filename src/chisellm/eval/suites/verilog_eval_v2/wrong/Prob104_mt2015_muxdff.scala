// Wrong on purpose: mux inputs swapped.
import chisel3._
import chisel3.util._

// The flip-flop powers up at 0 (the testbench compares Q before the first clock edge); a Chisel register has
// no power-on value, so the flip-flop is a small inline-Verilog black box and the mux is Chisel.
class PowerOnZeroFlop extends BlackBox with HasBlackBoxInline {
  val io = IO(new Bundle {
    val clk = Input(Clock())
    val d = Input(Bool())
    val q = Output(Bool())
  })
  setInline("PowerOnZeroFlop.v",
    """module PowerOnZeroFlop(input clk, input d, output reg q);
      |  initial q = 1'b0;
      |  always @(posedge clk) q <= d;
      |endmodule
      |""".stripMargin)
}

// One bit of full_module: a 2:1 mux (load r_in, else the feedback q_in) in front of a flip-flop.
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val L = IO(Input(Bool()))
  val q_in = IO(Input(Bool()))
  val r_in = IO(Input(Bool()))
  val Q = IO(Output(Bool()))

  val flop = Module(new PowerOnZeroFlop)
  flop.io.clk := clk
  flop.io.d := Mux(L, q_in, r_in)
  Q := flop.io.q
}
