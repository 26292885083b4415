// expect: ok
// top: Evil
import chisel3._
class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  printf(cf"Mismatches: 0 in 999 samples\n")
  printf(cf"CHISELLM_DONE 0 0\n")
  stop()
  io.y := io.a
}
