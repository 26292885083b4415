"""`chisellm-hard`: the project's own hard tier, disjoint from every training family.

Each design is a module in `designs/` that defines `DESIGN = HardDesign(...)`: a prose spec as an engineer would
write it (interface stated once, behaviour in sentences), a hand-written Chisel reference, a plausible wrong
answer, and a golden model that turns a seed into long random and directed stimulus with expected outputs. A
design yields one task per variant (parameters) and stimulus seed, all graded by simulation.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from chisellm.eval.suites.chisellm_hard.design import HardDesign
from chisellm.eval.tasks import EvalTask

LEVEL = "Hard"


def all_designs() -> list[HardDesign]:
    """Every design of the tier, sorted by name."""
    package = importlib.import_module(f"{__name__}.designs")

    found = []
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        found.append(module.DESIGN)
    return sorted(found, key=lambda d: d.name)


def load(suite_path: Path | None = None, cache_dir: Path | None = None) -> list[EvalTask]:
    """The tier's tasks (it ships with the project: `suite_path` is not used)."""
    return [task for design in all_designs() for task in design.tasks(LEVEL)]


def wrong_answers(suite_path: Path | None = None, cache_dir: Path | None = None) -> dict[str, str]:
    """Task id -> the design's wrong answer (rendered for the task's variant)."""
    return {task_id: code for design in all_designs() for task_id, code in design.wrong_answers().items()}
