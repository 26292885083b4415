"""What the engine is asked to verify."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Protocol

from chisellm.hdl.vectors import Vectors

_MISMATCHES = re.compile(r"Mismatches:\s*(\d+)\s+in\s+(\d+)\s+samples")
# Upstream testbenches dump their own waveforms; the engine asks for one only when the caller wants it.
_MODULE = re.compile(r"^\s*module\s+(\w+)", re.M)
_DUMP_CALL = re.compile(r"\$dump\w*\s*(\([^;]*\))?\s*;")


class Testbench(Protocol):
    """An upstream testbench the candidate's Verilog is simulated in.

    `prepare(token)` gives the files to write (sources end in .v/.sv and are compiled with the design; others are
    data the testbench reads), with the report line tagged by `token`; `judge(output, token)` reads the verdict
    from the simulation's output, believing only lines with the token. `root` is the testbench's top module."""

    root: str

    def modules(self) -> frozenset[str]: ...

    def prepare(self, token: str) -> list[tuple[str, str]]: ...

    def judge(self, output: str, token: str): ...

    def digest(self) -> str: ...


@dataclass(frozen=True)
class VerilogEvalBench:
    """A VerilogEval-style check: the candidate's Verilog is simulated with a reference module and a testbench
    that prints `Mismatches: N in M samples`. The candidate's top must be the module the testbench instantiates
    (`TopModule` in VerilogEval v2); the reference module is `RefModule`."""

    ref_sv: str
    test_sv: str
    root: str = "tb"

    def prepare(self, token: str) -> list[tuple[str, str]]:
        test = _DUMP_CALL.sub(";", self.test_sv).replace('"Mismatches:', f'"{token} Mismatches:')
        return [("test.sv", test), ("ref.sv", self.ref_sv)]

    def judge(self, output: str, token: str):
        from chisellm.hdl.simulator import SimOutcome
        lines = [l for l in output.splitlines() if l.startswith(f"{token} Mismatches:")]
        if len(lines) != 1 or not _MISMATCHES.search(lines[0]):
            return SimOutcome(None, message="the testbench printed no (or more than one) `Mismatches: N in M samples` "
                                            f"line: {output[-1000:]}")
        found = _MISMATCHES.search(lines[0])
        errors, samples = int(found.group(1)), int(found.group(2))
        if samples == 0:
            return SimOutcome(False, message="the testbench checked 0 samples")
        return SimOutcome(errors == 0, mismatches=errors, cycles=samples,
                          message="" if errors == 0 else f"Mismatches: {errors} in {samples} samples")

    def modules(self) -> frozenset[str]:
        """The modules the testbench and reference define (a design may not define them again)."""
        return frozenset(_MODULE.findall(self.test_sv) + _MODULE.findall(self.ref_sv))

    def digest(self) -> str:
        return hashlib.sha256(f"verilog-eval\0{self.ref_sv}\0{self.test_sv}".encode()).hexdigest()


@dataclass(frozen=True)
class RtllmBench:
    """An RTLLM 2.0 check: the upstream testbench (module `root`) instantiates the design; a run passes when it
    exits normally, prints `pass_line` (the `$display` text shown only on success, spaces kept) and prints no line
    starting with one of `fail_markers` (some testbenches print their pass line unconditionally).
    `data_files` are (name, text) of the files the testbench opens, placed beside it."""

    testbench: str
    pass_line: str
    fail_markers: tuple[str, ...] = ()
    data_files: tuple[tuple[str, str], ...] = ()
    root: str = "testbench"

    def prepare(self, token: str) -> list[tuple[str, str]]:
        if self.pass_line not in self.testbench:
            raise ValueError(f"the testbench does not print its pass line {self.pass_line!r}")
        bench = _DUMP_CALL.sub(";", self.testbench).replace(self.pass_line, f"{token} {self.pass_line}")
        return [("testbench.v", bench), *self.data_files]

    def judge(self, output: str, token: str):
        from chisellm.hdl.simulator import SimOutcome
        lines = [line.strip() for line in output.splitlines()]
        failed = [line for line in lines if any(line.startswith(m) for m in self.fail_markers)]
        if f"{token} {self.pass_line}" in lines and not failed:
            return SimOutcome(True)
        detail = failed[0] if failed else output[-1000:].strip()
        return SimOutcome(False, message=f"the testbench did not pass: {detail}")

    def modules(self) -> frozenset[str]:
        """The modules the testbench defines (a design may not define them again)."""
        return frozenset(_MODULE.findall(self.testbench))

    def digest(self) -> str:
        h = hashlib.sha256(f"rtllm\0{self.testbench}\0{self.pass_line}\0{self.root}".encode())
        for part in (*self.fail_markers, *(f"{n}\0{t}" for n, t in self.data_files)):
            h.update(f"\0{part}".encode())
        return h.hexdigest()


@dataclass(frozen=True)
class Candidate:
    """One Chisel source to compile, elaborate, lower and (with vectors or a bench) simulate.

    Args:
        source: Chisel (Scala 2.13) source text. One leading `package` clause is ignored.
        top: Name of the class to elaborate.
        vectors: Golden vectors; None means compile + elaborate + firtool only.
        top_args: Constructor arguments, as Scala source, e.g. `8, 4` elaborates `new Top(8, 4)`.
        bench: An upstream testbench (VerilogEval, RTLLM) instead of vectors.
        allow_blackbox: Accept black boxes with inline, path or resource Verilog (the integrity rules still
            apply to their Verilog); by default such answers get `blackbox_refused`.
        want_vcd: Return the simulation's waveform (`Result.vcd`); the design is then simulated alone.
    """

    source: str
    top: str
    vectors: Vectors | None = None
    top_args: str = ""
    bench: VerilogEvalBench | RtllmBench | None = None
    allow_blackbox: bool = False
    want_vcd: bool = False

    def key(self, toolchain: str) -> str:
        """The cache key: a hash of everything that decides the result."""
        h = hashlib.sha256()
        for part in (self.source, self.top, self.top_args, self.vectors.digest if self.vectors else "",
                     self.bench.digest() if self.bench else "", str(self.allow_blackbox), str(self.want_vcd),
                     toolchain):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\0")
        return h.hexdigest()
