import chisel3._
import chisel3.util._

// The original inferred latches (outputs not driven on every path); here both are driven in every case.
class TopModule extends RawModule {
  val cpu_overheated = IO(Input(Bool()))
  val shut_off_computer = IO(Output(Bool()))
  val arrived = IO(Input(Bool()))
  val gas_tank_empty = IO(Input(Bool()))
  val keep_driving = IO(Output(Bool()))

  shut_off_computer := cpu_overheated
  keep_driving := !arrived && !gas_tank_empty
}
