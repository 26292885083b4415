"""`chisellm data stats` and `chisellm data verify`: read a training or eval JSONL (bad rows are reported
with file and line), count it, statically check every row and re-verify a stratified sample through the
engine."""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chisellm.data.leakage import code_of
from chisellm.utils.errors import ChiselLLMError
from chisellm.utils.io import read_jsonl, read_jsonl_lines

TRAIN_FIELDS = ("instruction", "input", "output", "id", "level", "family", "task", "module_name", "features", "verified")
EVAL_FIELDS = ("id", "level", "instruction", "input", "reference_code", "test_config")
# Types of the fields stats and verify read (a number where text belongs is reported, not crashed on).
FIELD_TYPES = {"instruction": str, "input": str, "output": str, "reference_code": str, "module_name": str,
               "level": str, "family": str, "task": str, "id": (str, int), "test_config": dict, "params": dict,
               "draw": str, "features": list}


def load_rows(path: str | Path) -> tuple[str, list[dict[str, Any]]]:
    """("train" | "eval", rows); the kind is decided by the first row, every row is checked against it."""
    kind, numbered = load_numbered_rows(path)
    return kind, [row for _, row in numbered]


def load_numbered_rows(path: str | Path) -> tuple[str, list[tuple[int, dict[str, Any]]]]:
    """Like `load_rows`, with each row's line number."""
    path = Path(path)
    first = next(read_jsonl(path), None)
    if first is None:
        raise ChiselLLMError(f"{path}: no rows", hint="check the file")
    kind = "eval" if "reference_code" in first else "train"
    rows = []
    for line, row in read_jsonl_lines(path, required=EVAL_FIELDS if kind == "eval" else TRAIN_FIELDS, types=FIELD_TYPES):
        if kind == "eval" and not isinstance(row["test_config"].get("module_name"), str):
            raise ChiselLLMError(f"{path}:{line}: `test_config.module_name` must be a string",
                                 hint="name the module the reference code defines there")
        rows.append((line, row))
    return kind, rows


def row_code(row: dict[str, Any]) -> tuple[str, str]:
    """(code, module name) of a training or eval row."""
    if "reference_code" in row:
        return row["reference_code"], row["test_config"]["module_name"]
    return code_of(row["output"]), row["module_name"]


def static_problems(row: dict[str, Any]) -> list[str]:
    """Contract checks that need no toolchain: the class name, no numeric suffix, the name in the instruction."""
    code, name = row_code(row)
    problems = []
    if not re.search(rf"\bclass\s+{re.escape(name)}\b", code):
        problems.append(f"no `class {name}` in the answer")
    if re.search(r"\bclass\s+\w+_\d+\b", code):
        problems.append("a class name with a numeric suffix")
    if f"`{name}`" not in row["instruction"]:
        problems.append(f"the instruction does not name `{name}`")
    return problems


def stats_text(path: str | Path) -> str:
    """Counts per level, task and family and answer lengths, as a plain-text report."""
    kind, rows = load_rows(path)
    lines = [f"{path}: {len(rows)} {kind} rows"]
    for key in ("level", "task", "family"):
        counts = Counter(str(r.get(key, "-")) for r in rows)
        lines.append(f"\nby {key}:")
        lines += [f"  {k:<32} {n:>6}" for k, n in sorted(counts.items())]
    if kind == "eval":
        held = sum(1 for r in rows if r.get("held_out"))
        lines.append(f"\nheld-out family rows: {held}")
    lengths = sorted(len(row_code(r)[0].strip().splitlines()) for r in rows)
    lines.append(f"\nanswer lines: min {lengths[0]}, median {lengths[len(lengths) // 2]}, max {lengths[-1]}")
    bad = sum(1 for r in rows if static_problems(r))
    lines.append(f"rows failing static checks: {bad}")
    return "\n".join(lines)


def stratified_sample(rows: list[dict[str, Any]], n: int, seed: int = 0) -> list[dict[str, Any]]:
    """`n` rows spread evenly over (level, family) strata, deterministic for a seed."""
    strata: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        strata[(row["level"], row.get("family", ""))].append(row)
    rng = random.Random(seed)
    for members in strata.values():
        rng.shuffle(members)
    out: list[dict[str, Any]] = []
    order = sorted(strata)
    depth = 0
    while len(out) < min(n, len(rows)):
        for key in order:
            if depth < len(strata[key]) and len(out) < n:
                out.append(strata[key][depth])
        depth += 1
    return out


@dataclass
class VerifyReport:
    """The outcome of re-verifying rows."""

    rows: int = 0
    checked: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def candidate_for(row: dict[str, Any], where: str = ""):
    """The engine candidate a row's answer must pass: eval rows carry vectors, training rows regenerate
    them from their family, parameters and draw. `where` (file:line) goes into error messages."""
    from chisellm.data.families import FAMILIES
    from chisellm.data.pool import Draft, materialize
    from chisellm.hdl import Candidate, Vectors

    code, name = row_code(row)
    if "test_config" in row:
        tc = row["test_config"]
        vectors = Vectors.from_json(tc["vectors"], source=f"{where or 'row'} ({row['id']})") if tc.get("vectors") else None
        return Candidate(code, name, vectors, tc.get("top_args", ""))
    family = FAMILIES.get(row["family"])
    if family is None or "params" not in row or "draw" not in row:
        return Candidate(code, name, None, "")  # compile + elaborate only: the row carries no design
    try:
        seed, stream, index = row["draw"].split(":")
        draft = Draft(family.name, stream, int(index), row["params"], "", code, "", "")
        design = materialize(family, draft, int(seed))
    except (ValueError, KeyError, TypeError, IndexError) as exc:  # hand-edited params or draw
        raise ChiselLLMError(f"{where or 'row'} ({row['id']}): its `params`/`draw` do not describe a {family.name} design "
                             f"({type(exc).__name__}: {exc})",
                             hint="restore them from the build, or delete both keys to check compile + elaborate only") from None
    return Candidate(code, name, design.vectors, design.top_args)


def verify_rows(path: str | Path, sample: int | None = None, seed: int = 0,
                log: Callable[[str], None] | None = None) -> VerifyReport:
    """Static checks on every row; the engine on all rows or a stratified sample of `sample`."""
    from chisellm.hdl.engine import verify_many

    printed = [-1]  # the last tenth reported

    def progress(done: int, total: int) -> None:
        tenth = done * 10 // total if total else 10
        if log and tenth > printed[0]:
            printed[0] = tenth
            log(f"  {done}/{total} rows verified")

    if sample is not None and sample < 1:
        raise ChiselLLMError(f"--sample {sample}: the sample size must be at least 1",
                             hint="pass --sample N with N >= 1, or leave it out to verify every row")
    _, numbered = load_numbered_rows(path)
    rows = [row for _, row in numbered]
    lines = {id(row): line for line, row in numbered}
    report = VerifyReport(rows=len(rows))
    for row in rows:
        for problem in static_problems(row):
            report.failures.append(f"{row['id']}: {problem}")
    chosen = stratified_sample(rows, sample, seed) if sample else rows
    candidates = [candidate_for(r, f"{path}:{lines[id(r)]}") for r in chosen]
    if log:
        log(f"verifying {len(candidates)} rows of {path}")
    for row, result in zip(chosen, verify_many(candidates, progress=progress)):
        report.checked += 1
        if not result.ok:
            report.failures.append(f"{row['id']} ({row.get('family', '')}): {result.summary()}")
    return report
