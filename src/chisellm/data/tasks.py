"""Turning a verified design into rows: training rows (alpaca + metadata) and eval rows, per task."""

from __future__ import annotations

import random
import re
from difflib import SequenceMatcher
from typing import Any

from chisellm.data import prompts
from chisellm.data.breakage import broken_variants
from chisellm.data.families.base import Design
from chisellm.data.skeleton import skeleton
from chisellm.hdl import Result, Verdict

CATEGORY = {"L1": "basic_syntax", "L2": "combinational", "L3": "sequential", "L4": "parameterized",
            "Util": "chisel3_util"}
# A broken candidate is a useful repair input only when it fails in one of these ways.
REPAIRABLE = (Verdict.COMPILE_ERROR, Verdict.ELABORATION_ERROR, Verdict.FIRTOOL_ERROR, Verdict.SIM_MISMATCH)
_CONSTRUCTS = {
    "Reg": r"\bReg(Init|Next|Enable)?\(", "Mux": r"\bMux\(", "when": r"\bwhen\s*\(", "switch": r"\bswitch\s*\(",
    "Vec": r"\bVec(Init)?\(", "ChiselEnum": r"\bChiselEnum\b", "Mem": r"\b(Sync(Read)?)?Mem\(",
    "Cat": r"\bCat\(", "Fill": r"\bFill\(", "SInt": r"\bSInt\(", "Decoupled": r"\bDecoupled\(",
    "Queue": r"\bQueue\(", "submodule": r"\bModule\(new\b", "RawModule": r"\bRawModule\b",
}
_ABS_PATH = re.compile(r"(?:/[\w.@+-]+){2,}/([\w.@+-]+)")


def features_of(design: Design) -> list[str]:
    """The family's features plus the Chisel constructs its code uses."""
    found = [name for name, pattern in _CONSTRUCTS.items() if re.search(pattern, design.code)]
    return sorted(set(design.features) | set(found))


def answer(code: str) -> str:
    """The `output` of a row: the source in a Scala code block."""
    return prompts.fenced(code, "scala")


def engine_feedback(result: Result) -> str:
    """The engine's own words about a failing candidate, shortened and without machine paths."""
    if result.verdict is Verdict.SIM_MISMATCH and result.mismatch is not None:
        m = result.mismatch
        return (f"Simulation against the reference vectors fails: at cycle {m.cycle}, output `{m.port}` is "
                f"{m.got}, expected {m.expected} ({result.mismatches} mismatching checks in {result.cycles} cycles).")
    if result.verdict is Verdict.COMPILE_ERROR and result.diagnostics:
        errors = [d for d in result.diagnostics if d.severity == "error"] or result.diagnostics
        lines = [f"{d.line}:{d.column}: {d.severity}: " + "\n".join(d.message.splitlines()[:4]) for d in errors[:3]]
        return "The Scala compiler reports:\n" + "\n".join(lines)
    label = {Verdict.COMPILE_ERROR: "Compilation fails", Verdict.ELABORATION_ERROR: "Elaboration fails",
             Verdict.FIRTOOL_ERROR: "firtool rejects the design"}.get(result.verdict, result.verdict.value)
    text = _ABS_PATH.sub(r"\1", "\n".join(line for line in result.message.splitlines()[:6] if line.strip()))
    return f"{label}:\n{text}"


def repair_variants(design: Design, rng: random.Random) -> list[tuple[str, str]]:
    """Broken candidates for a repair row, in the order to try: `(kind, code)` with kind `mutant:<i>` or
    `break:<name>`. Mutants closest to the reference come first; kinds alternate from a random start."""
    def closeness(code: str) -> float:
        return SequenceMatcher(None, code.splitlines(), design.code.splitlines()).ratio()

    mutants = sorted(((f"mutant:{i}", m) for i, m in enumerate(design.mutants) if m != design.code),
                     key=lambda km: -closeness(km[1]))
    breaks = [(f"break:{name}", code) for name, code in broken_variants(design.code)]
    rng.shuffle(breaks)
    first, second = (mutants, breaks) if rng.random() < 0.6 else (breaks, mutants)
    out = []
    for i in range(max(len(first), len(second))):
        out += first[i:i + 1] + second[i:i + 1]
    return out


def complete_skeleton(design: Design, rng: random.Random) -> str | None:
    """A skeleton of the design: all logic removed, or (one time in three) the first statements kept."""
    keep = rng.choice((0, 0, 1))
    return skeleton(design.code, design.module_name, keep) or skeleton(design.code, design.module_name, 0)


def verified_block(design: Design, toolchain: str) -> dict[str, Any]:
    return {"compile": True, "simulate": True, "vectors": design.vectors.cycles, "toolchain": toolchain}


def build_prompt(task: str, design: Design, rng: random.Random, verilog: str | None = None,
                 skeleton_code: str | None = None, broken: tuple[str, Result] | None = None) -> tuple[str, str]:
    """(instruction, input) of a task for a design."""
    if task == "spec2chisel":
        return prompts.spec_instruction(design, rng), ""
    if task == "verilog2chisel":
        assert verilog is not None
        return prompts.verilog_instruction(design, rng), prompts.fenced(verilog.strip(), "verilog")
    if task == "complete":
        assert skeleton_code is not None
        return prompts.complete_instruction(design, rng), prompts.fenced(skeleton_code, "scala")
    if task == "repair":
        assert broken is not None
        code, result = broken
        return prompts.repair_instruction(design, rng), prompts.repair_input(code, engine_feedback(result))
    raise ValueError(f"unknown task {task!r}")


def train_row(row_id: str, task: str, design: Design, instruction: str, input_text: str,
              toolchain: str) -> dict[str, Any]:
    """One training row: alpaca fields plus metadata."""
    return {
        "instruction": instruction, "input": input_text, "output": answer(design.code),
        "id": row_id, "level": design.level, "family": design.family, "task": task,
        "module_name": design.module_name, "features": features_of(design),
        "verified": verified_block(design, toolchain),
    }


def eval_row(row_id: str, task: str, design: Design, instruction: str, input_text: str,
             held_out: bool) -> dict[str, Any]:
    """One eval row in the DESIGN.md eval format."""
    return {
        "id": row_id, "level": design.level, "category": CATEGORY[design.level],
        "instruction": instruction, "input": input_text, "reference_code": design.code,
        "test_config": {"require_compile": True, "require_elaborate": True, "require_simulate": True,
                        "module_name": design.module_name, "top_args": design.top_args,
                        "vectors": design.vectors.to_json()},
        "family": design.family, "task": task, "held_out": held_out,
    }
