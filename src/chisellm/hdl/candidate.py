"""What the engine is asked to verify."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from chisellm.hdl.vectors import Vectors


@dataclass(frozen=True)
class VerilogEvalBench:
    """A VerilogEval-style check: the candidate's Verilog is simulated with a reference module and a testbench
    that prints `Mismatches: N in M samples`. The candidate's top must be the module the testbench instantiates
    (`TopModule` in VerilogEval v2); the reference module is `RefModule`."""

    ref_sv: str
    test_sv: str


@dataclass(frozen=True)
class Candidate:
    """One Chisel source to compile, elaborate, lower and (with vectors or a bench) simulate.

    Args:
        source: Chisel (Scala 2.13) source text. A leading `package` clause is ignored.
        top: Name of the class to elaborate.
        vectors: Golden vectors; None means compile + elaborate + firtool only.
        top_args: Constructor arguments, as Scala source, e.g. `8, 4` elaborates `new Top(8, 4)`.
        bench: A VerilogEval bench instead of vectors.
    """

    source: str
    top: str
    vectors: Vectors | None = None
    top_args: str = ""
    bench: VerilogEvalBench | None = None

    def key(self, toolchain: str) -> str:
        """The cache key: a hash of everything that decides the result."""
        h = hashlib.sha256()
        for part in (self.source, self.top, self.top_args, self.vectors.digest if self.vectors else "",
                     self.bench.ref_sv + "\0" + self.bench.test_sv if self.bench else "", toolchain):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\0")
        return h.hexdigest()
