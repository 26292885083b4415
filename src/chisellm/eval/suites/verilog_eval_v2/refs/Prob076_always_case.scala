import chisel3._
import chisel3.util._

class TopModule extends RawModule {
  val sel = IO(Input(UInt(3.W)))
  val data0 = IO(Input(UInt(4.W)))
  val data1 = IO(Input(UInt(4.W)))
  val data2 = IO(Input(UInt(4.W)))
  val data3 = IO(Input(UInt(4.W)))
  val data4 = IO(Input(UInt(4.W)))
  val data5 = IO(Input(UInt(4.W)))
  val out = IO(Output(UInt(4.W)))
  out := 0.U
  switch(sel) {
    is(0.U) { out := data0 }
    is(1.U) { out := data1 }
    is(2.U) { out := data2 }
    is(3.U) { out := data3 }
    is(4.U) { out := data4 }
    is(5.U) { out := data5 }
  }
}
