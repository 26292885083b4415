"""Eval tasks and the three eval-set formats they are read from.

1. Ours (DESIGN.md): `{"id", "level", "category", "instruction", "input", "reference_code", "test_config":
   {"require_compile", "require_elaborate", "require_simulate", "module_name", "vectors"?, "top_args"?}}`
   plus optional `family`, `held_out`, `task`.
2. The reference workflow's rows: only `reference_code` and `test_config` are required; the rest is defaulted
   and the row is graded by what its `require_*` flags ask for.
3. A VerilogEval v2 spec-to-RTL folder (`ProbNNN_name_prompt.txt`, `_ref.sv`, `_test.sv`), read by the
   `verilog-eval-v2` suite (`chisellm.eval.suites.verilog_eval_v2`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chisellm.config.prompt import join_prompt
from chisellm.hdl import RtllmBench, Vectors, VerilogEvalBench
from chisellm.utils.errors import ChiselLLMError
from chisellm.utils.io import read_jsonl_lines


@dataclass(frozen=True)
class Requirements:
    """What a passing answer must get through."""

    compile: bool = True
    elaborate: bool = True
    simulate: bool = False


@dataclass(frozen=True)
class EvalTask:
    """One eval problem: the prompt, how to grade an answer, and how to group it in reports."""

    id: str
    level: str
    category: str
    instruction: str
    input: str
    module_name: str
    reference_code: str | None
    requires: Requirements
    vectors: Vectors | None = None
    bench: VerilogEvalBench | RtllmBench | None = None  # an upstream testbench (VerilogEval, RTLLM)
    top_args: str = ""
    family: str = ""
    task: str = ""
    held_out: bool | None = None  # None: the row does not say
    allow_blackbox: bool = False  # the answer may contain a Verilog black box (e.g. a latch, which Chisel lacks)

    @property
    def split(self) -> str:
        """`held_in`, `held_out` or `unspecified`, for the held-in vs held-out breakdown."""
        if self.held_out is None:
            return "unspecified"
        return "held_out" if self.held_out else "held_in"

    @property
    def simulates(self) -> bool:
        """Whether grading runs a simulation (vectors or an upstream testbench)."""
        return self.vectors is not None or self.bench is not None

    @property
    def prompt(self) -> str:
        """The user message sent to a model: instruction and input joined as training joins them (alpaca style)."""
        return join_prompt(self.instruction, self.input)


def load_eval_set(path: str | Path, limit: int = 0) -> list[EvalTask]:
    """Read an eval set in any supported format.

    Args:
        path: A JSONL file, a folder of JSONL files, or a VerilogEval folder (`*_prompt.txt`).
        limit: Keep only the first N tasks (0 keeps all).

    Raises:
        ChiselLLMError: for a missing path, a malformed row (naming file:line and key) or duplicate ids.
    """
    path = Path(path)
    if not path.exists():
        raise ChiselLLMError(f"{path}: eval set not found", hint="pass a JSONL file or a folder with --eval-set")
    if path.is_dir():
        if any(path.glob("*_prompt.txt")):
            from chisellm.eval.suites import verilog_eval_v2  # the suite module owns the folder format

            tasks = verilog_eval_v2.load_folder(path)
        else:
            files = sorted(path.glob("*.jsonl"))
            if not files:
                raise ChiselLLMError(f"{path}: no *.jsonl files and no VerilogEval *_prompt.txt files",
                                     hint="point --eval-set at a JSONL eval set or a VerilogEval dataset folder")
            tasks = [task for file in files for task in load_jsonl_eval_set(file)]
    else:
        tasks = load_jsonl_eval_set(path)
    seen: set[str] = set()
    for task in tasks:
        if task.id in seen:
            raise ChiselLLMError(f"{path}: duplicate task id `{task.id}`", hint="give every row a unique id")
        seen.add(task.id)
    return tasks[:limit] if limit else tasks


# Types of the row fields a task is built from (text where text belongs; null where a field may be absent).
_TEXT = (str, type(None))
ROW_TYPES = {"reference_code": _TEXT, "instruction": _TEXT, "input": _TEXT, "id": (str, int), "level": _TEXT,
             "category": _TEXT, "family": _TEXT, "task": _TEXT}


def load_jsonl_eval_set(path: Path) -> list[EvalTask]:
    """Read our JSONL format or the reference workflow's (rows with only `reference_code` + `test_config`)."""
    tasks = []
    for number, row in read_jsonl_lines(path, required=("reference_code", "test_config"), types=ROW_TYPES):
        tasks.append(_task_from_row(row, f"{path}:{number}", number))
    return tasks


def _task_from_row(row: dict[str, Any], where: str, number: int) -> EvalTask:
    config = row["test_config"]
    if not isinstance(config, dict):
        raise ChiselLLMError(f"{where}: `test_config` must be an object", hint="see DESIGN.md for the eval set format")
    module_name = config.get("module_name")
    if not isinstance(module_name, str) or not re.fullmatch(r"[A-Za-z_]\w*", module_name):
        raise ChiselLLMError(f"{where}: `test_config.module_name` must be a Scala class name, got {module_name!r}",
                             hint="name the class the answer must define")
    vectors = None
    if config.get("vectors") is not None:
        vectors = Vectors.from_json(config["vectors"], source=f"{where}: test_config.vectors")
    requires = Requirements(compile=_flag(config, "require_compile", True, where),
                            elaborate=_flag(config, "require_elaborate", True, where),
                            simulate=_flag(config, "require_simulate", vectors is not None, where))
    instruction = row.get("instruction") or f"Write a Chisel module named `{module_name}`."
    held_out = row.get("held_out")
    if held_out is not None and not isinstance(held_out, bool):
        raise ChiselLLMError(f"{where}: `held_out` must be true or false, got {held_out!r}", hint="write true or false")
    top_args = config.get("top_args", "")
    if not isinstance(top_args, str):
        raise ChiselLLMError(f"{where}: `test_config.top_args` must be a string such as \"8, 4\"",
                             hint="write the constructor arguments as Scala source")
    return EvalTask(
        id=str(row.get("id", f"row{number}")),
        level=str(row.get("level", "unknown")),
        category=str(row.get("category", "uncategorized")),
        instruction=str(instruction),
        input=str(row.get("input") or ""),
        module_name=module_name,
        reference_code=row["reference_code"],
        # Simulation needs vectors: a row asking for it without vectors is graded by compile + elaborate.
        requires=Requirements(requires.compile, requires.elaborate, requires.simulate and vectors is not None),
        vectors=vectors if requires.simulate else None,
        top_args=top_args,
        family=str(row.get("family") or ""),
        task=str(row.get("task") or ""),
        held_out=held_out,
    )


def _flag(config: dict[str, Any], key: str, default: bool, where: str) -> bool:
    value = config.get(key, default)
    if not isinstance(value, bool):
        raise ChiselLLMError(f"{where}: `test_config.{key}` must be true or false, got {value!r}",
                             hint="write true or false")
    return value
