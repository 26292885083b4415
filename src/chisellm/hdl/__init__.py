"""The verification engine: Chisel -> warm JVM scalac -> elaborate -> firtool -> Verilog -> Icarus simulation."""

from chisellm.hdl.candidate import Candidate, VerilogEvalBench
from chisellm.hdl.results import Diagnostic, Mismatch, Result, Verdict
from chisellm.hdl.vectors import Port, Vectors

__all__ = ["Candidate", "Diagnostic", "Mismatch", "Port", "Result", "Vectors", "Verdict", "VerilogEvalBench"]
