import chisel3._
import chisel3.util._

// Four pipeline stages, each adding one 16-bit slice with the carry of the stage before.
class adder_pipe_64bit(DATA_WIDTH: Int = 64, STG_WIDTH: Int = 16) extends RawModule {
  val clk = IO(Input(Clock()))
  val rst_n = IO(Input(Bool()))
  val i_en = IO(Input(Bool()))
  val adda = IO(Input(UInt(DATA_WIDTH.W)))
  val addb = IO(Input(UInt(DATA_WIDTH.W)))
  val result = IO(Output(UInt((DATA_WIDTH + 1).W)))
  val o_en = IO(Output(Bool()))

  val stages = DATA_WIDTH / STG_WIDTH
  withClockAndReset(clk, (!rst_n).asAsyncReset) {
    val en = RegInit(VecInit(Seq.fill(stages)(false.B)))
    en(0) := i_en
    for (k <- 1 until stages) { en(k) := en(k - 1) }
    o_en := en(stages - 1)

    var a = adda
    var b = addb
    var carry = 0.U(1.W)
    var done = 0.U(0.W)
    for (k <- 0 until stages) {
      val slice = a(STG_WIDTH - 1, 0) +& b(STG_WIDTH - 1, 0) + carry
      val sumReg = RegInit(0.U(((k + 1) * STG_WIDTH).W))
      val carryReg = RegInit(0.U(1.W))
      sumReg := (if (k == 0) slice(STG_WIDTH - 1, 0) else Cat(slice(STG_WIDTH - 1, 0), done))
      carryReg := slice(STG_WIDTH)
      if (k < stages - 1) {
        val restA = RegInit(0.U((DATA_WIDTH - (k + 1) * STG_WIDTH).W))
        val restB = RegInit(0.U((DATA_WIDTH - (k + 1) * STG_WIDTH).W))
        restA := a >> STG_WIDTH
        restB := b >> STG_WIDTH
        a = restA
        b = restB
      }
      carry = carryReg
      done = sumReg
    }
    result := Cat(carry, done)
  }
}
