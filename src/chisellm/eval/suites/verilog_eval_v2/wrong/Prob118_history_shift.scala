// Wrong on purpose: prediction beats misprediction.
import chisel3._
import chisel3.util._

// Global branch history: shift in predictions; a misprediction restores the trained history (it wins).
class TopModule extends RawModule {
  val clk = IO(Input(Clock()))
  val areset = IO(Input(Bool()))
  val predict_valid = IO(Input(Bool()))
  val predict_taken = IO(Input(Bool()))
  val train_mispredicted = IO(Input(Bool()))
  val train_taken = IO(Input(Bool()))
  val train_history = IO(Input(UInt(32.W)))
  val predict_history = IO(Output(UInt(32.W)))

  withClockAndReset(clk, areset.asAsyncReset) {
    val history = RegInit(0.U(32.W))
    when(predict_valid) {
      history := Cat(history(30, 0), predict_taken)
    }.elsewhen(train_mispredicted) {
      history := Cat(train_history(30, 0), train_taken)
    }
    predict_history := history
  }
}
