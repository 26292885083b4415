// Wrong on purpose: right and up scancodes swapped.
import chisel3._
import chisel3.util._

class TopModule extends RawModule {
  val scancode = IO(Input(UInt(16.W)))
  val left = IO(Output(Bool()))
  val down = IO(Output(Bool()))
  val right = IO(Output(Bool()))
  val up = IO(Output(Bool()))

  left := scancode === "he06b".U
  down := scancode === "he072".U
  right := scancode === "he075".U
  up := scancode === "he074".U
}
