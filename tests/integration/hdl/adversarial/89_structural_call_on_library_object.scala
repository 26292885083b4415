// expect: sandbox_violation
// top: Evil
import chisel3._
import scala.language.reflectiveCalls
class Evil extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  def grab(o: { def getClassLoader(): ClassLoader }): ClassLoader = o.getClassLoader()
  grab(classOf[Evil])
  io.y := io.a
}
