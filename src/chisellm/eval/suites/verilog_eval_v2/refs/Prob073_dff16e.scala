import chisel3._

class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val resetn = IO(Input(Bool()))
  val byteena = IO(Input(UInt(2.W)))
  val d = IO(Input(UInt(16.W)))
  val q = IO(Output(UInt(16.W)))
  withClockAndReset(clk, !resetn) {
    val bytes = RegInit(VecInit(0.U(8.W), 0.U(8.W)))
    for (i <- 0 until 2) {
      when(byteena(i)) { bytes(i) := d(8 * i + 7, 8 * i) }
    }
    q := bytes.asUInt
  }
}
