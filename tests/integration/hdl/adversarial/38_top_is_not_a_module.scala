// expect: elaboration_error
// top: Helper
import chisel3._
object Helper { def apply(): Int = 3 }
