import chisel3._
import chisel3.util._

// gshare: 7-bit history xor pc indexes 128 two-bit counters (reset to weakly not-taken). Training wins over
// prediction for the history register; a prediction reads the table before this cycle's training.
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val areset = IO(Input(Bool()))
  val predict_valid = IO(Input(Bool()))
  val predict_pc = IO(Input(UInt(7.W)))
  val predict_taken = IO(Output(Bool()))
  val predict_history = IO(Output(UInt(7.W)))
  val train_valid = IO(Input(Bool()))
  val train_taken = IO(Input(Bool()))
  val train_mispredicted = IO(Input(Bool()))
  val train_history = IO(Input(UInt(7.W)))
  val train_pc = IO(Input(UInt(7.W)))

  withClockAndReset(clk, areset.asAsyncReset) {
    val pht = RegInit(VecInit(Seq.fill(128)(1.U(2.W))))
    val history = RegInit(0.U(7.W))

    predict_taken := pht(predict_pc ^ history)(1)
    predict_history := history

    when(train_valid) {
      val index = train_pc ^ train_history
      val counter = pht(index)
      when(train_taken && counter =/= 3.U) {
        pht(index) := counter + 1.U
      }.elsewhen(!train_taken && counter =/= 0.U) {
        pht(index) := counter - 1.U
      }
    }
    when(train_valid && train_mispredicted) {
      history := Cat(train_history(5, 0), train_taken)
    }.elsewhen(predict_valid) {
      history := Cat(history(5, 0), predict_taken)
    }
  }
}
