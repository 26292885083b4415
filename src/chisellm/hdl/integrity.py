"""What an elaborated design may contain before it is lowered and simulated.

A design can only influence a verdict through its ports. Everything that could reach past them is refused here,
on the FIRRTL (before firtool reads any file a black box names) and on the Verilog firtool emits (the design's own
modules and any black-box Verilog, checked as the simulator will see it, with `SYNTHESIS` defined):

- system tasks and functions other than pure arithmetic ones (`$display`, `$finish`, `$fopen`, `$readmemh`,
  `$dumpfile`, `$value$plusargs`, `$root`, ...), `force`/`release`, `bind`, `defparam`, DPI imports and exports,
  `` `include`` and every other directive that is not conditional compilation or a plain macro;
- hierarchical names (`tb.errors`) and instances of modules the design does not define itself (the testbench's
  `RefModule`, the harness's testbench modules), so nothing binds into the testbench or a neighbour;
- black boxes with inline, path or resource Verilog unless the task allows them (a Chisel answer must be
  Chisel), and black-box paths outside the candidate's own folder in any case;
- memories initialised from files, and widths, vector sizes and Verilog sizes above the caps.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

MAX_WIDTH = 65_536            # bits of one signal
MAX_VECTOR = 65_536           # elements of one FIRRTL vector
MAX_VERILOG_CHARS = 8_000_000

# System functions with no effect outside the expression they appear in.
PURE_SYSTEM_FUNCTIONS = frozenset({"$signed", "$unsigned", "$clog2", "$bits"})
_DIRECTIVES = frozenset({"ifdef", "ifndef", "else", "elsif", "endif", "define", "undef", "timescale",
                         "default_nettype", "resetall", "celldefine", "endcelldefine"})
_REFUSED_WORDS = {"force": "`force`", "release": "`release`", "bind": "`bind`", "defparam": "`defparam`",
                  "deassign": "`deassign`"}
_BLACKBOX_ANNOS = {"firrtl.transforms.BlackBoxInlineAnno": "inline", "firrtl.transforms.BlackBoxPathAnno": "path",
                   "firrtl.transforms.BlackBoxResourceAnno": "resource",
                   "firrtl.transforms.BlackBoxResourceFileNameAnno": "resource"}
_FILE_ANNOS = ("firrtl.annotations.MemoryFileInlineAnnotation", "firrtl.annotations.LoadMemoryAnnotation",
               "firrtl.annotations.MemoryFileAnnotation", "chisel3.util.experimental.LoadMemoryAnnotation")
# Words that can start a module item followed by an identifier and `(` without being an instance.
_KEYWORDS = frozenset("""
always always_comb always_ff always_latch and assign automatic begin buf bufif0 bufif1 case casex casez cmos
const deassign default disable do edge else end endcase endfunction endgenerate endmodule endtask event
for forever fork function generate genvar if initial inout input int integer join localparam logic
macromodule module nand negedge nmos nor not notif0 notif1 or output parameter pmos posedge pulldown pullup
rcmos real realtime reg repeat return rnmos rpmos rtran rtranif0 rtranif1 signed small strong0 strong1
supply0 supply1 task time tran tranif0 tranif1 tri tri0 tri1 triand trior trireg unsigned var void wait
wand weak0 weak1 while wire wor xnor xor bit byte shortint longint typedef struct union enum packed
unique priority static string assert assume cover property sequence restrict expect final let checker
interface program package class extends virtual import export chandle ref alias constraint covergroup inside
dist with iff throughout within intersect first_match matches tagged nettype modport clocking global
primitive table endtable specify endspecify specparam config endconfig library design instance cell use
""".split())


@dataclass(frozen=True)
class Refusal:
    """Why a design is not simulated. `kind`: integrity | blackbox | resource."""

    kind: str
    message: str


@dataclass(frozen=True)
class FirrtlFacts:
    """What the FIRRTL says about black boxes (for the simulator: such designs are simulated alone)."""

    blackboxes: tuple[str, ...]   # "inline" / "path" / "resource", one per black-box file


def check_firrtl(firrtl: str, allow_blackbox: bool) -> Refusal | FirrtlFacts:
    """Caps and annotation rules on an elaborated circuit."""
    for match in re.finditer(r"\b[SU]Int<(\d+)>", firrtl):
        if int(match.group(1)) > MAX_WIDTH:
            return Refusal("resource", f"a signal is {int(match.group(1)):,} bits wide; the width cap is "
                                       f"{MAX_WIDTH:,} bits per signal")
    for match in re.finditer(r">\[(\d+)\]", firrtl):
        if int(match.group(1)) > MAX_VECTOR:
            return Refusal("resource", f"a vector has {int(match.group(1)):,} elements; the cap is {MAX_VECTOR:,}")
    kinds = []
    for anno in _annotations(firrtl):
        cls = str(anno.get("class", ""))
        if cls in _FILE_ANNOS or "LoadMemory" in cls or "MemoryFile" in cls:
            return Refusal("integrity", "the design initialises a memory from a file (loadMemoryFromFile); "
                                        "a design may not read files")
        if cls in _BLACKBOX_ANNOS:
            kind = _BLACKBOX_ANNOS[cls]
            if not allow_blackbox:
                target = str(anno.get("target", "")).rsplit(">", 1)[-1].rsplit("|", 1)[-1]
                return Refusal("blackbox", f"black box `{target}` carries {kind} Verilog: an answer in Chisel must "
                                           "describe its hardware in Chisel (this task does not allow black boxes)")
            path = str(anno.get("path", anno.get("name", "")))
            if kind == "path" and (path.startswith("/") or ".." in path.replace("\\", "/").split("/")):
                return Refusal("integrity", f"black-box path `{path}` is outside the candidate's own folder")
            if kind == "path":
                return Refusal("integrity", f"black-box path `{path}` names a file the candidate did not write")
            kinds.append(kind)
    return FirrtlFacts(tuple(kinds))


def _annotations(firrtl: str) -> list[dict]:
    """The JSON annotations Chisel writes after `circuit X :%[[` (an empty list when there are none)."""
    header = re.search(r"^circuit\s+\S+\s*:%", firrtl[:4096], re.M)
    if header is None:
        return []
    try:
        parsed, _ = json.JSONDecoder().raw_decode(firrtl, header.end())
    except ValueError:
        return [{"class": "unparsable annotations"}]
    if isinstance(parsed, list) and len(parsed) == 1 and isinstance(parsed[0], list):
        parsed = parsed[0]  # `%[` opens the annotation block, the JSON array follows
    return [a for a in parsed if isinstance(a, dict)] if isinstance(parsed, list) else []


# --- Verilog ---------------------------------------------------------------------------------------------------
_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<string>"(?:\\.|[^"\\\n])*")
  | (?P<directive>`[A-Za-z_][A-Za-z0-9_$]*)
  | (?P<paste>``|`"|`\\`")
  | (?P<system>\$[A-Za-z0-9_$]+)
  | (?P<escaped>\\\S+)
  | (?P<number>(?:\d[\d_]*)?'[sS]?[bBoOdDhH]\s*[0-9a-fA-FxXzZ?_]+|\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?)
  | (?P<ident>[A-Za-z_][A-Za-z0-9_$]*)
  | (?P<op>.)
""", re.S | re.X)


@dataclass(frozen=True)
class _Tok:
    kind: str
    text: str
    line: int
    pos: int = 0


def _tokens(text: str) -> list[_Tok]:
    out, line = [], 1
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "op"
        value = m.group()
        if kind not in ("ws", "comment"):
            out.append(_Tok(kind, value, line, m.start()))
        line += value.count("\n")
    return out


def active_tokens(text: str, defined: frozenset[str] = frozenset({"SYNTHESIS"})) -> list[_Tok] | Refusal:
    """The tokens the simulator compiles: conditional compilation resolved with `defined`, object-like macros
    expanded, every other directive refused."""
    toks = _tokens(text)
    macros: dict[str, list[_Tok]] = {name: [] for name in defined}
    out: list[_Tok] = []
    stack: list[tuple[bool, bool]] = []   # (this branch active, some branch taken)
    active = True
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.kind == "paste":
            return Refusal("integrity", f"line {t.line}: macro token pasting (`{t.text}`) is not allowed")
        if t.kind != "directive":
            if active:
                out.append(t)
            i += 1
            continue
        name = t.text[1:]
        if name in ("ifdef", "ifndef", "elsif"):
            if i + 1 >= len(toks) or toks[i + 1].kind != "ident":
                return Refusal("integrity", f"line {t.line}: `{name}` without a macro name")
            flag = toks[i + 1].text in macros
            cond = flag if name != "ifndef" else not flag
            if name == "elsif":
                if not stack:
                    return Refusal("integrity", f"line {t.line}: `elsif without `ifdef")
                outer, taken = stack[-1]
                now = outer and not taken and cond
                stack[-1] = (outer, taken or now)
                active = now
            else:
                stack.append((active, active and cond))
                active = active and cond
            i += 2
            continue
        if name == "else":
            if not stack:
                return Refusal("integrity", f"line {t.line}: `else without `ifdef")
            outer, taken = stack[-1]
            active = outer and not taken
            stack[-1] = (outer, True)
            i += 1
            continue
        if name == "endif":
            if not stack:
                return Refusal("integrity", f"line {t.line}: `endif without `ifdef")
            outer, _ = stack.pop()
            active = outer
            i += 1
            continue
        if name in ("define", "undef"):
            if i + 1 >= len(toks) or toks[i + 1].kind != "ident":
                return Refusal("integrity", f"line {t.line}: `{name}` without a macro name")
            macro = toks[i + 1]
            j = i + 2
            body = []
            while j < len(toks) and toks[j].line == macro.line:
                body.append(toks[j])
                j += 1
            if active:
                if name == "undef":
                    macros.pop(macro.text, None)
                else:
                    if body and body[0].text == "(" and body[0].pos == macro.pos + len(macro.text):
                        return Refusal("integrity", f"line {t.line}: macros with arguments are not allowed")
                    macros[macro.text] = body
            i = j
            continue
        if name in ("timescale", "default_nettype", "resetall", "celldefine", "endcelldefine"):
            j = i + 1
            while j < len(toks) and toks[j].line == t.line:
                j += 1
            i = j
            continue
        if name in macros and name not in _DIRECTIVES:
            if active:
                out.extend(_Tok(b.kind, b.text, t.line, t.pos) for b in macros[name])
            i += 1
            continue
        if active:
            return Refusal("integrity", f"line {t.line}: the directive `{t.text}` is not allowed in a design")
        i += 1
    return out


def check_verilog(verilog: str, reserved: frozenset[str] = frozenset()) -> Refusal | None:
    """Refuse anything in the design's Verilog that could reach past its ports (see the module doc), and modules
    named like one of the testbench's (`reserved`, or the harness's `chisellm_*`): a second definition of
    `RefModule` must never be able to stand in for the reference."""
    if len(verilog) > MAX_VERILOG_CHARS:
        return Refusal("resource", f"the emitted Verilog has {len(verilog):,} characters; the cap is "
                                   f"{MAX_VERILOG_CHARS:,}")
    toks = active_tokens(verilog)
    if isinstance(toks, Refusal):
        return toks
    declared = {toks[i + 1].text for i, t in enumerate(toks[:-1])
                if t.kind == "ident" and t.text in ("module", "macromodule") and toks[i + 1].kind in ("ident", "escaped")}
    for name in sorted(declared):
        if name in reserved or name.startswith("chisellm_"):
            return Refusal("integrity", f"the design defines a module named `{name}`, a name the testbench uses")
    for i, t in enumerate(toks):
        if t.kind == "system" and t.text not in PURE_SYSTEM_FUNCTIONS:
            return Refusal("integrity", f"line {t.line}: the system task `{t.text}` is not allowed in a design "
                                        "(only $signed, $unsigned, $clog2 and $bits)")
        if t.kind == "ident":
            if t.text in _REFUSED_WORDS:
                return Refusal("integrity", f"line {t.line}: {_REFUSED_WORDS[t.text]} is not allowed in a design")
            if t.text in ("import", "export") and i + 1 < len(toks) and toks[i + 1].kind == "string":
                return Refusal("integrity", f"line {t.line}: DPI {t.text}s are not allowed in a design")
            instance = _instance_at(toks, i)
            if instance is not None and instance not in declared:
                return Refusal("integrity", f"line {t.line}: the design instantiates `{instance}`, which it does not "
                                            "define (an external or testbench module)")
        if (t.text == "." and 0 < i < len(toks) - 1 and toks[i + 1].kind in ("ident", "escaped")
                and (toks[i - 1].kind in ("ident", "escaped") or toks[i - 1].text in ("]", ")"))):
            return Refusal("integrity", f"line {t.line}: the hierarchical name `{toks[i - 1].text}.{toks[i + 1].text}` "
                                        "is not allowed (a design reaches other modules only through its ports)")
    return None


def _instance_at(toks: list[_Tok], i: int) -> str | None:
    """The module name if tokens at `i` start an instance: `Name [#(...)] inst [range] (`."""
    t = toks[i]
    if t.text in _KEYWORDS:
        return None
    j = i + 1
    if j < len(toks) and toks[j].text == "#":
        j += 1
        if j < len(toks) and toks[j].text == "(":
            depth = 0
            while j < len(toks):
                depth += toks[j].text == "("
                depth -= toks[j].text == ")"
                j += 1
                if depth == 0:
                    break
        elif j < len(toks):
            j += 1
    if j >= len(toks) or toks[j].kind not in ("ident", "escaped") or toks[j].text in _KEYWORDS:
        return None
    j += 1
    while j < len(toks) and toks[j].text == "[":
        while j < len(toks) and toks[j].text != "]":
            j += 1
        j += 1
    if j < len(toks) and toks[j].text == "(":
        return t.text
    return None
