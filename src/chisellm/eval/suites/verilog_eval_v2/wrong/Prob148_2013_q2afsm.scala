// Wrong on purpose: device 2 has the highest priority.
import chisel3._
import chisel3.util._

// Three-device arbiter: from idle, device 0 beats 1 beats 2; a grant lasts while its request stays high.
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val resetn = IO(Input(Bool()))
  val r = IO(Input(UInt(3.W)))
  val g = IO(Output(UInt(3.W)))

  withClockAndReset(clk, !resetn) {
    // The grant register is the state: 000 = idle (A), otherwise one-hot B, C, D.
    val grant = RegInit(0.U(3.W))
    val idle = grant === 0.U
    val next = Wire(UInt(3.W))
    when(idle) {
      next := Mux(r(2), "b100".U, Mux(r(1), "b010".U, Mux(r(0), "b001".U, "b000".U)))
    }.otherwise {
      next := Mux((grant & r).orR, grant, 0.U)
    }
    grant := next
    g := grant
  }
}
