"""Typed, stable verification results."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Verdict(str, Enum):
    """The outcome of verifying one candidate. Values are stable strings (they land in JSON)."""

    OK = "ok"
    COMPILE_ERROR = "compile_error"
    ELABORATION_ERROR = "elaboration_error"
    FIRTOOL_ERROR = "firtool_error"
    SIM_MISMATCH = "sim_mismatch"
    TIMEOUT = "timeout"
    RESOURCE_LIMIT = "resource_limit"
    SANDBOX_VIOLATION = "sandbox_violation"
    INTEGRITY_VIOLATION = "integrity_violation"   # the design reaches past its ports (system tasks, hierarchy)
    BLACKBOX_REFUSED = "blackbox_refused"         # Verilog in disguise: a black box where Chisel was asked for
    INTERNAL_ERROR = "internal_error"

    @property
    def compiled(self) -> bool:
        """Whether a candidate with this verdict got through scalac."""
        return self is not Verdict.COMPILE_ERROR


@dataclass(frozen=True)
class Diagnostic:
    """A compiler message, with line/column in the candidate's own source (1-based)."""

    line: int
    column: int
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.severity}: {self.message}"


@dataclass(frozen=True)
class Mismatch:
    """The first cycle where the DUT disagreed with the golden model."""

    cycle: int
    port: str
    expected: int
    got: str  # a string: the DUT may drive x or z

    def __str__(self) -> str:
        return f"cycle {self.cycle}: {self.port} expected {self.expected}, got {self.got}"


@dataclass
class Result:
    """What the engine found out about one candidate."""

    verdict: Verdict
    message: str = ""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    mismatch: Mismatch | None = None
    mismatches: int = 0
    cycles: int = 0
    verilog: str | None = None
    vcd: str | None = None
    timings: dict[str, float] = field(default_factory=dict)
    cached: bool = False

    @property
    def ok(self) -> bool:
        return self.verdict is Verdict.OK

    def summary(self) -> str:
        """One line for tables and logs."""
        if self.ok:
            return f"ok ({self.cycles} cycles)" if self.cycles else "ok"
        detail = str(self.mismatch) if self.mismatch else (str(self.diagnostics[0]) if self.diagnostics else self.message)
        return f"{self.verdict.value}: {detail.splitlines()[0] if detail else ''}"

    def to_json(self, with_verilog: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "verdict": self.verdict.value,
            "message": self.message,
            "diagnostics": [vars(d) for d in self.diagnostics],
            "mismatch": vars(self.mismatch) if self.mismatch else None,
            "mismatches": self.mismatches,
            "cycles": self.cycles,
            "timings": {k: round(v, 4) for k, v in self.timings.items()},
        }
        if with_verilog:
            out["verilog"] = self.verilog
            if self.vcd is not None:
                out["vcd"] = self.vcd
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Result:
        return cls(
            verdict=Verdict(data["verdict"]),
            message=data.get("message", ""),
            diagnostics=[Diagnostic(**d) for d in data.get("diagnostics", [])],
            mismatch=Mismatch(**data["mismatch"]) if data.get("mismatch") else None,
            mismatches=data.get("mismatches", 0),
            cycles=data.get("cycles", 0),
            verilog=data.get("verilog"),
            vcd=data.get("vcd"),
            timings=data.get("timings", {}),
        )
