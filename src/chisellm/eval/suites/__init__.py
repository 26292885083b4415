"""Named benchmark suites (`chisellm eval --suite NAME`): one module per suite, registered here.

A suite module defines `load(suite_path=None, cache_dir=None) -> list[EvalTask]` (its tasks, every task's
`reference_code` set from the project's own answer key where one exists) and
`wrong_answers(suite_path=None, cache_dir=None) -> dict[str, str]` (task id -> a plausible wrong answer), used by
`chisellm eval suite-check` to prove that each problem's testbench tells right from wrong.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

from chisellm.utils.errors import ChiselLLMError

SUITES = {
    "verilog-eval-v2": "chisellm.eval.suites.verilog_eval_v2",  # NVlabs VerilogEval v2 spec-to-RTL, 156 problems
    "chisellm-hard": "chisellm.eval.suites.chisellm_hard",  # our own hard tier, disjoint from training
    "rtllm-v2": "chisellm.eval.suites.rtllm_v2",  # RTLLM 2.0, 50 designs
}


def suite_module(name: str) -> ModuleType:
    """The module of suite `name`.

    Raises:
        ChiselLLMError: for an unknown name, or a registered suite whose module is not installed.
    """
    if name not in SUITES:
        raise ChiselLLMError(f"unknown suite `{name}`", hint=f"use one of: {', '.join(SUITES)}")
    try:
        return importlib.import_module(SUITES[name])
    except ModuleNotFoundError as exc:
        if exc.name != SUITES[name]:
            raise
        raise ChiselLLMError(f"suite `{name}` is registered but its loader ({SUITES[name]}) is not in this install",
                             hint=f"use one of the available suites or --eval-set") from None


def load_suite(name: str, suite_path: str | Path | None = None, cache_dir: Path | None = None):
    """The tasks of suite `name` (see the module docstring)."""
    return suite_module(name).load(Path(suite_path) if suite_path else None, cache_dir)
