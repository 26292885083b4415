import chisel3._

class TopModule extends RawModule {
  val ring = IO(Input(Bool()))
  val vibrate_mode = IO(Input(Bool()))
  val ringer = IO(Output(Bool()))
  val motor = IO(Output(Bool()))
  ringer := ring && !vibrate_mode
  motor := ring && vibrate_mode
}
