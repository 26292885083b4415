import chisel3._
import chisel3.util._

// Wrong: ignores the pedestrian request.
class traffic_light extends RawModule {
  val rst_n = IO(Input(Bool()))
  val clk = IO(Input(Clock()))
  val pass_request = IO(Input(Bool()))
  val clock = IO(Output(UInt(8.W)))
  val red = IO(Output(Bool()))
  val yellow = IO(Output(Bool()))
  val green = IO(Output(Bool()))
  object S extends ChiselEnum { val idle, s1_red, s2_yellow, s3_green = Value }
  withClockAndReset(clk, (!rst_n).asAsyncReset) {
    val state = RegInit(S.idle)
    val cnt = RegInit(10.U(8.W))
    val pRed = RegInit(false.B)
    val pYellow = RegInit(false.B)
    val pGreen = RegInit(false.B)
    val r = RegNext(pRed, false.B)
    val y = RegNext(pYellow, false.B)
    val g = RegNext(pGreen, false.B)
    pRed := state === S.s1_red
    pYellow := state === S.s2_yellow
    pGreen := state === S.s3_green
    switch(state) {
      is(S.idle) { state := S.s1_red }
      is(S.s1_red) { when(cnt === 3.U) { state := S.s3_green } }
      is(S.s2_yellow) { when(cnt === 3.U) { state := S.s1_red } }
      is(S.s3_green) { when(cnt === 3.U) { state := S.s2_yellow } }
    }
    when(!g && pGreen) { cnt := 60.U }
      .elsewhen(!y && pYellow) { cnt := 5.U }
      .elsewhen(!r && pRed) { cnt := 10.U }
      .otherwise { cnt := cnt - 1.U }
    clock := cnt
    red := r
    yellow := y
    green := g
  }
}
