// expect: blackbox_refused
// top: Evil
import chisel3._
import chisel3.util._
class Cheat extends BlackBox with HasBlackBoxInline {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  setInline("Cheat.v", """module Cheat(input [7:0] a, output [7:0] y);
  reg [7:0] m [0:1];
  initial $readmemh("../1/dut.fir", m);
  assign y = m[0];
endmodule
""")
}
class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  val c = Module(new Cheat)
  c.io.a := io.a
  io.y := c.io.y
}
