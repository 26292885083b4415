"""Instruction text for every task. Each instruction names the module and every port (direction, width,
signedness) and says how ports are named, so an answer that follows it elaborates under the tested name."""

from __future__ import annotations

import random
import re

from chisellm.data.families.base import Design, Fact, PortSpec

SPEC_OPENINGS = (
    "Write a Chisel module named `{name}`.",
    "Implement `{name}` in Chisel 7 (chisel3 API).",
    "Create a Chisel hardware module called `{name}`.",
    "Design the Chisel module `{name}`.",
)
ANSWER_RULE = ("Answer with the complete Scala source (imports included). The class must be named exactly "
               "`{name}`.")


def describe_port(port: PortSpec) -> str:
    """One bullet for a port: direction, name, Chisel type in words and code, and its meaning."""
    if port.kind == "Bool":
        kind = "1-bit `Bool`"
    elif port.kind == "Vec":
        elem = f"{port.width}-bit {'signed' if port.signed else 'unsigned'}"
        kind = f"`{port.chisel_type()}` ({port.count} elements, each {elem})"
    else:
        kind = f"{port.width}-bit {'signed' if port.signed else 'unsigned'} (`{port.chisel_type()}`)"
    doc = f": {port.doc}" if port.doc else ""
    return f"- {port.direction} `{port.name}`, {kind}{doc}"


def naming_sentence(io_style: str) -> str:
    """How ports are named: fields of `io`, or top-level ports."""
    if io_style == "bundle":
        return ("Declare the ports as fields of one bundle, `val io = IO(new Bundle { ... })`, so port `x` is "
                "`io.x` (Verilog `io_x`).")
    return ("Declare every port as its own top-level `IO(...)` (for example `val x = IO(Input(UInt(8.W)))`), "
            "not inside an `io` bundle, so port `x` is Verilog `x`.")


def module_kind_sentence(design: Design) -> str:
    """Which base class and clocking the design uses."""
    if design.clocked and design.stateful:
        return "It is a `Module`: use the implicit clock and the implicit synchronous, active-high `reset`."
    if design.clocked:  # the vectors still drive `reset`, so the ports of a `Module` must exist
        return ("It is purely combinational, but write it as a `Module` (not a `RawModule`): its implicit clock "
                "and reset stay unused.")
    if re.search(r"extends\s+RawModule\b", design.code):
        return "It is purely combinational: extend `RawModule` (no clock, no reset)."
    return "It is purely combinational (a `Module` whose clock and reset are unused)."


def constructor_sentence(design: Design) -> str:
    """For parameterized designs: the constructor the test elaborates."""
    if not design.top_args:
        return ""
    match = re.search(rf"class\s+{re.escape(design.module_name)}\s*(\[[^\]]*\])?\s*(\([^)]*\))", design.code)
    signature = f"{match.group(1) or ''}{match.group(2)}" if match else "(...)"
    return (f"The class takes the constructor parameters `{signature}`; it is elaborated as "
            f"`new {design.module_name}({design.top_args})`.")


def interface_block(design: Design) -> str:
    """The ports list with its naming rule, module kind and constructor."""
    lines = ["Ports:", *[describe_port(p) for p in design.ports], naming_sentence(design.io_style),
             module_kind_sentence(design)]
    ctor = constructor_sentence(design)
    if ctor:
        lines.append(ctor)
    return "\n".join(lines)


def spec_instruction(design: Design, rng: random.Random) -> str:
    """spec2chisel: behaviour + interface."""
    opening = rng.choice(SPEC_OPENINGS).format(name=design.module_name)
    return "\n\n".join([f"{opening} {design.behaviour}", interface_block(design),
                        ANSWER_RULE.format(name=design.module_name)])


def verilog_instruction(design: Design, rng: random.Random) -> str:
    """verilog2chisel: the Verilog comes in `input`."""
    opening = rng.choice((
        "Translate the Verilog module below into an equivalent Chisel module named `{name}`.",
        "Rewrite this firtool-generated Verilog as idiomatic Chisel; call the module `{name}`.",
        "The Verilog below was generated from a Chisel design. Write Chisel source for `{name}` with the same "
        "cycle-accurate behaviour.",
    )).format(name=design.module_name)
    return "\n\n".join([opening, interface_block(design), ANSWER_RULE.format(name=design.module_name)])


def repair_instruction(design: Design, rng: random.Random) -> str:
    """repair: the broken code and its error come in `input`."""
    opening = rng.choice((
        "The Chisel module `{name}` below does not work. Fix it.",
        "Repair this Chisel code for `{name}` so that it compiles and behaves as specified.",
        "Find and fix the bug in the Chisel module `{name}`.",
    )).format(name=design.module_name)
    return "\n\n".join([f"{opening} Intended behaviour: {design.behaviour}", interface_block(design),
                        ANSWER_RULE.format(name=design.module_name)])


def complete_instruction(design: Design, rng: random.Random) -> str:
    """complete: the skeleton comes in `input`."""
    opening = rng.choice((
        "Complete the Chisel module `{name}`: replace the TODO with a working implementation.",
        "Fill in the missing logic of the Chisel skeleton for `{name}`.",
        "Finish this Chisel module `{name}` (the ports are already declared).",
    )).format(name=design.module_name)
    return "\n\n".join([f"{opening} {design.behaviour}", interface_block(design),
                        ANSWER_RULE.format(name=design.module_name)])


def missing_facts(design: Design, instruction: str) -> list[Fact]:
    """The design's facts whose phrase the instruction does not state (case and whitespace aside)."""
    def norm(text: str) -> str:
        return " ".join(text.lower().split())

    text = norm(instruction)
    return [f for f in design.facts if norm(f.phrase) not in text]


def repair_input(broken_code: str, error: str) -> str:
    """The broken source and what the engine said about it."""
    return f"```scala\n{broken_code.rstrip()}\n```\n\n{error.rstrip()}"


def fenced(code: str, lang: str) -> str:
    """A code block."""
    return f"```{lang}\n{code.rstrip()}\n```"
