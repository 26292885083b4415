"""The engine's diagnostic of a failed answer, written as the next user turn of a repair round.

What the model sees: compile errors with line, column and the offending source line; the elaboration or
lowering error; or the first simulation mismatch (cycle, port, expected, got) and how many checks failed.
"""

from __future__ import annotations

from chisellm.eval.extract import extract_chisel
from chisellm.eval.grade import EXTRACTION_FAILED, GradedAnswer
from chisellm.eval.tasks import EvalTask

MAX_DIAGNOSTICS = 5
MAX_MESSAGE_CHARS = 1500
CLOSING = "Fix the problem and answer with the whole corrected module `{top}` in one ```scala block."


def render_feedback(task: EvalTask, graded: GradedAnswer) -> str:
    """The feedback turn for a failed answer to `task` (its text names the failing stage and the details)."""
    top = graded.top or task.module_name
    body = _describe(task, graded, top)
    return f"{body}\n\n{CLOSING.format(top=top)}"


def _describe(task: EvalTask, graded: GradedAnswer, top: str) -> str:
    verdict = graded.verdict
    if verdict == EXTRACTION_FAILED:
        return f"I could not find the module in your answer: {_clip(graded.message)}"
    if verdict == "compile_error":
        return "The code does not compile. The Scala compiler reported:\n" + _compile_errors(task, graded)
    if verdict == "elaboration_error":
        return f"The code compiles, but elaborating `{top}` failed:\n{_clip(graded.message)}"
    if verdict == "firtool_error":
        return f"The design elaborates, but firtool could not lower it to Verilog:\n{_clip(graded.message)}"
    if verdict == "sim_mismatch":
        return _mismatch(task, graded)
    if verdict == "timeout":
        return f"Verification timed out ({_clip(graded.message) or 'no detail'}). Look for loops that never end."
    if verdict == "resource_limit":
        return f"Verification hit a resource limit ({_clip(graded.message) or 'no detail'}). The design is too large."
    if verdict == "sandbox_violation":
        return f"The code did something the sandbox forbids: {_clip(graded.message)}. Write plain hardware only."
    if verdict == "ok":  # passed the engine but the task wanted more (e.g. no simulation): nothing to fix
        return "The design verified."
    return f"Verification failed ({verdict}): {_clip(graded.message)}"


def _compile_errors(task: EvalTask, graded: GradedAnswer) -> str:
    errors = [d for d in graded.diagnostics if d.get("severity", "error") == "error"] or graded.diagnostics
    if not errors:
        return _clip(graded.message) or "(no message)"
    code_lines = extract_chisel(graded.completion, task.module_name, allow_other_top=False).code.splitlines()
    out = []
    for d in errors[:MAX_DIAGNOSTICS]:
        line, column = int(d.get("line", 0)), int(d.get("column", 0))
        out.append(f"- line {line}, column {column}: {_clip(str(d.get('message', '')), 400)}")
        if 1 <= line <= len(code_lines):
            out.append(f"    {line} | {code_lines[line - 1].rstrip()}")
    if len(errors) > MAX_DIAGNOSTICS:
        out.append(f"- ... and {len(errors) - MAX_DIAGNOSTICS} more error(s)")
    return "\n".join(out)


def _mismatch(task: EvalTask, graded: GradedAnswer) -> str:
    first = graded.mismatch
    count = graded.mismatches
    if not first:
        detail = _clip(graded.message)
        return f"The design simulates, but its outputs are wrong ({count} mismatching check(s)). {detail}".rstrip()
    text = (f"The design simulates, but its outputs disagree with the specification. First mismatch: cycle "
            f"{first['cycle']}, port `{first['port']}`: expected {first['expected']}, got {first['got']}. "
            f"{count} check(s) mismatched in total.")
    vectors = task.vectors
    cycle = int(first["cycle"])
    if vectors is not None and 0 <= cycle < len(vectors.stimulus):
        inputs = ", ".join(f"{port.name}={value}" for port, value in zip(vectors.inputs, vectors.stimulus[cycle]))
        text += f" Inputs in cycle {cycle}: {inputs}."
    return text


def _clip(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + " ..."
