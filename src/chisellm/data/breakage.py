"""Syntax- and elaboration-broken variants of a working Chisel source, for the repair task. Each variant is a
single plausible slip (a width without `.W`, `=` for `:=`, a misspelt port, a missing brace ...); the engine
decides whether it really fails and supplies the real error text."""

from __future__ import annotations

import re
from collections.abc import Callable


def _sub_first(pattern: str, repl: str, code: str, flags: int = 0) -> str | None:
    new, count = re.subn(pattern, repl, code, count=1, flags=flags)
    return new if count and new != code else None


def _sub_last(pattern: str, repl: Callable[[re.Match[str]], str], code: str) -> str | None:
    matches = list(re.finditer(pattern, code))
    if not matches:
        return None
    m = matches[-1]
    return code[:m.start()] + repl(m) + code[m.end():]


def width_without_w(code: str) -> str | None:
    """`UInt(8.W)` -> `UInt(8)`."""
    return _sub_first(r"\b(UInt|SInt)\((\d+)\.W\)", r"\1(\2)", code)


def equals_for_connect(code: str) -> str | None:
    """The last `a := b` becomes `a = b`."""
    return _sub_last(r"(?<=\S) := ", lambda m: " = ", code)


def literal_without_u(code: str) -> str | None:
    """`0.U` -> `0` in an expression (a Scala Int where Chisel hardware is needed)."""
    return _sub_last(r"(?<![\w\"])(\d+)\.U\b(?!\()", lambda m: m.group(1), code)


def misspelt_port(code: str) -> str | None:
    """The last use of an `io.<port>` field gets a typo."""
    return _sub_last(r"\bio\.([a-z]\w*)\b(?=\s*(?::=|\)|\s|$|[.+\-&|^(]))", lambda m: f"io.{m.group(1)}x", code)


def missing_closing_brace(code: str) -> str | None:
    """The last `}` of the file is dropped."""
    index = code.rstrip().rfind("}")
    return code[:index] + code[index + 1:] if index >= 0 else None


def missing_util_import(code: str) -> str | None:
    """`import chisel3.util._` removed from a source that uses chisel3.util."""
    uses_util = re.search(r"\b(Cat|Fill|Mux1H|MuxCase|MuxLookup|PriorityMux|PriorityEncoder|PopCount|ShiftRegister|"
                          r"Counter|RegEnable|UIntToOH|OHToUInt|Reverse|Decoupled|Queue|Valid|Pipe|Arbiter|"
                          r"RRArbiter|switch|is|log2Ceil|log2Up|isPow2|Enum|Fill)\b", code)
    if not uses_util or "import chisel3.util._" not in code:
        return None
    return code.replace("import chisel3.util._\n", "", 1)


def reginit_as_reg(code: str) -> str | None:
    """`RegInit(x)` -> `Reg(x)` (a hardware value where a type is expected: an elaboration error)."""
    return _sub_first(r"\bRegInit\(", "Reg(", code)


def io_without_wrapper(code: str) -> str | None:
    """`IO(new Bundle {` -> `(new Bundle {` (ports never bound to hardware)."""
    return _sub_first(r"\bIO\(new Bundle", "(new Bundle", code)


BREAKERS: dict[str, Callable[[str], str | None]] = {
    "width_without_w": width_without_w,
    "equals_for_connect": equals_for_connect,
    "literal_without_u": literal_without_u,
    "misspelt_port": misspelt_port,
    "missing_closing_brace": missing_closing_brace,
    "missing_util_import": missing_util_import,
    "reginit_as_reg": reginit_as_reg,
    "io_without_wrapper": io_without_wrapper,
}


def broken_variants(code: str) -> list[tuple[str, str]]:
    """Every applicable `(breaker name, broken source)` for `code`, in a fixed order."""
    out = []
    for name, breaker in BREAKERS.items():
        broken = breaker(code)
        if broken is not None and broken != code:
            out.append((name, broken))
    return out
