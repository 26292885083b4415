// expect: sandbox_violation
// top: Evil
import chisel3._
import scala.language.experimental.macros
import scala.reflect.macros.blackbox.Context
object Mac { def m: Int = macro impl; def impl(c: Context): c.Expr[Int] = { import c.universe._; c.Expr[Int](q"1") } }
class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })

  io.y := io.a
}
