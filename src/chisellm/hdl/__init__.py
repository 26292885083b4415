"""The verification engine: Chisel -> warm JVM scalac -> elaborate -> firtool -> Verilog -> Icarus simulation."""

from chisellm.hdl.candidate import Candidate, RtllmBench, VerilogEvalBench
from chisellm.hdl.results import Diagnostic, Mismatch, Result, Verdict
from chisellm.hdl.vectors import Port, Vectors

__all__ = ["Candidate", "Diagnostic", "Mismatch", "Port", "Result", "RtllmBench", "Vectors", "Verdict",
           "VerilogEvalBench"]
