"""Build checks on prompts: every fact a golden model depends on is stated, and no two eval tasks are one.

Both fail the build with the rows named: a prompt that omits a reset value, a priority or a latency the vectors
check makes a correct-looking answer fail for a reason the prompt never gave, and two eval tasks with one prompt
and one set of vectors count one design twice.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from chisellm.data.families.base import Design
from chisellm.data.prompts import missing_facts
from chisellm.utils.errors import ChiselLLMError

# Tasks whose instruction carries the behaviour; a verilog2chisel row's behaviour is its Verilog input.
BEHAVIOUR_TASKS = ("spec2chisel", "repair", "complete")
SHOWN = 8  # offending rows named in the error


def unstated_facts(row_id: str, task: str, design: Design, instruction: str) -> list[str]:
    """One line per fact of the design that a behaviour-carrying instruction does not state."""
    if task not in BEHAVIOUR_TASKS:
        return []
    return [f"{row_id}: {fact.kind} fact not stated: {fact.phrase!r}" for fact in missing_facts(design, instruction)]


def duplicate_eval_tasks(rows: list[dict[str, Any]]) -> list[list[str]]:
    """Groups (of two or more ids) of eval rows with the same instruction, input, elaboration and vectors."""
    groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for row in rows:
        config = row["test_config"]
        key = (row["instruction"], row["input"], config.get("top_args", ""),
               json.dumps(config.get("vectors"), sort_keys=True))
        groups[key].append(row["id"])
    return [ids for ids in groups.values() if len(ids) > 1]


def enforce_prompt_checks(fact_problems: list[str], eval_rows: list[dict[str, Any]]) -> None:
    """Raise naming the rows when a prompt omits a fact or two eval tasks are the same task."""
    if fact_problems:
        listing = "\n  ".join(fact_problems[:SHOWN])
        more = f"\n  ... and {len(fact_problems) - SHOWN} more" if len(fact_problems) > SHOWN else ""
        raise ChiselLLMError(f"{len(fact_problems)} prompts omit behaviour their vectors check:\n  {listing}{more}",
                             hint="state each fact's phrase word for word in every phrasing of the family "
                                  "(Family.facts and Family.phrasings)")
    duplicates = duplicate_eval_tasks(eval_rows)
    if duplicates:
        listing = "\n  ".join(", ".join(ids) for ids in duplicates[:SHOWN])
        raise ChiselLLMError(f"{len(duplicates)} groups of eval tasks share prompt and vectors:\n  {listing}",
                             hint="draw eval designs with distinct parameters (pool.draw_drafts distinct_params)")
