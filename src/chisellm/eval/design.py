"""One design request as an eval task, for `chisellm agent` and the server: a spec, a top name, and optional
vectors or a VerilogEval-style bench to simulate against (without them the answer is compiled and elaborated)."""

from __future__ import annotations

import re

from chisellm.eval.tasks import EvalTask, Requirements
from chisellm.hdl import Vectors, VerilogEvalBench
from chisellm.utils.errors import ChiselLLMError

DESIGN_INSTRUCTION = """\
{spec}

Write it in Chisel 7 (Scala 2.13, `import chisel3._`, `import chisel3.util._`) as one class named `{top}`. \
Answer with the code in one ```scala block."""


def design_task(spec: str, top: str, vectors: Vectors | None = None, bench: VerilogEvalBench | None = None,
                top_args: str = "", task_id: str = "design") -> EvalTask:
    """An eval task for one design request.

    Raises:
        ChiselLLMError: for an empty spec, a top that is not a Scala class name, or both vectors and a bench.
    """
    if not spec.strip():
        raise ChiselLLMError("the spec is empty", hint="describe the module to build")
    if not re.fullmatch(r"[A-Za-z_]\w*", top or ""):
        raise ChiselLLMError(f"top `{top}` is not a Scala class name", hint="pass --top with the module's class name")
    if vectors is not None and bench is not None:
        raise ChiselLLMError("give vectors or a testbench, not both", hint="drop one of them")
    simulate = vectors is not None or bench is not None
    return EvalTask(id=task_id, level="design", category="design", instruction=DESIGN_INSTRUCTION.format(
        spec=spec.strip(), top=top), input="", module_name=top, reference_code=None,
        requires=Requirements(compile=True, elaborate=True, simulate=simulate), vectors=vectors, bench=bench,
        top_args=top_args, task="spec2chisel")
