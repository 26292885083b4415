"""What one hard-tier design is made of, and how it becomes eval tasks."""

from __future__ import annotations

import random
import string
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from chisellm.eval.tasks import EvalTask, Requirements
from chisellm.hdl import Vectors

INTERFACE_NOTE = """\
Write Chisel 7 (`import chisel3._`, `import chisel3.util._`). Name the top class `{top}`{args}. Declare every \
port as its own top-level `IO(...)` with exactly the names above (no `io` bundle), so that port `x` is Verilog \
`x`; a clocked design extends `Module` and uses its implicit `clock` and synchronous active-high `reset`. Answer \
with the complete Scala source in one ```scala block."""


@dataclass(frozen=True)
class Variant:
    """One parameterisation of a design: the values the spec, the sources and the golden model see."""

    name: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class HardDesign:
    """A hard-tier design.

    Args:
        name: snake_case id, unique in the tier (task ids are `hard-<name>-<variant>-s<seed>`).
        top: The class the answer must define.
        spec: Prose spec with `$param` placeholders (`string.Template`) for the variant's params: the interface
            once (ports with widths and directions), then behaviour in sentences, including every reset value,
            priority and latency the golden model depends on.
        reference: Hand-written Chisel answer, with the same `$param` placeholders.
        wrong: A plausible wrong answer (a realistic bug), with the same placeholders.
        golden: `golden(params, rng) -> Vectors`: long random plus directed stimulus and the expected outputs
            (use None for don't-care outputs, e.g. before reset).
        variants: At least one; each gives `seeds` tasks.
        seeds: Stimulus seeds per variant.
        top_args: Scala constructor arguments, with the same placeholders ("" for none).
        category: A short group name (stream, bus, arithmetic, control, memory, cpu, protocol, dsp).
    """

    name: str
    top: str
    spec: str
    reference: str
    wrong: str
    golden: Callable[[dict[str, Any], random.Random], Vectors]
    variants: tuple[Variant, ...]
    seeds: tuple[int, ...] = (1, 2)
    top_args: str = ""
    category: str = "control"

    def task_id(self, variant: Variant, seed: int) -> str:
        return f"hard-{self.name}-{variant.name}-s{seed}"

    def tasks(self, level: str) -> list[EvalTask]:
        out = []
        for variant in self.variants:
            p = variant.params
            args = render(self.top_args, p)
            note = INTERFACE_NOTE.format(top=self.top, args=f" with constructor arguments `({args})`" if args else "")
            for seed in self.seeds:
                out.append(EvalTask(
                    id=self.task_id(variant, seed), level=level, category=self.category,
                    instruction=f"{render(self.spec, p).strip()}\n\n{note}", input="", module_name=self.top,
                    reference_code=render(self.reference, p),
                    requires=Requirements(compile=True, elaborate=True, simulate=True),
                    vectors=self.golden(p, random.Random(f"{self.name}:{variant.name}:{seed}")),
                    top_args=args, family=f"hard-{self.name}", task="spec2chisel"))
        return out

    def wrong_answers(self) -> dict[str, str]:
        return {self.task_id(v, s): render(self.wrong, v.params) for v in self.variants for s in self.seeds}


def render(template: str, params: dict[str, Any]) -> str:
    """`template` with `$name` replaced by the params (other `$` text, as in Scala's `s"$x"`, is kept)."""
    return string.Template(template).safe_substitute({k: str(v) for k, v in params.items()})
