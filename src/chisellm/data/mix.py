"""The documented mix: how `train_rows` split into levels, tasks and families.

1. Level quotas: `train_rows` x `level_mix` (largest remainder), over the levels that have training families.
2. Task quotas: each level quota x `task_mix` (largest remainder).
3. Family quotas: each (level, task) quota is split as evenly as possible between the level's families,
   none above its number of eligible verified designs (a design appears at most once per task).
4. A (level, task) quota the level cannot fill moves to the same task in the other levels, again evenly.
"""

from __future__ import annotations

import math


def largest_remainder(total: int, shares: dict[str, float]) -> dict[str, int]:
    """Integers proportional to `shares` that sum exactly to `total` (ties broken by name)."""
    weight = sum(shares.values())
    if total <= 0 or weight <= 0:
        return {k: 0 for k in shares}
    exact = {k: total * v / weight for k, v in shares.items()}
    out = {k: math.floor(x) for k, x in exact.items()}
    rest = total - sum(out.values())
    for k in sorted(shares, key=lambda k: (-(exact[k] - out[k]), k))[:rest]:
        out[k] += 1
    return out


def water_fill(total: int, caps: dict[str, int]) -> dict[str, int]:
    """Split `total` as evenly as possible without exceeding any cap; the sum is less only when caps run out."""
    out = {k: 0 for k in caps}
    remaining = total
    open_keys = sorted(k for k, c in caps.items() if c > 0)
    while remaining > 0 and open_keys:
        share = max(1, remaining // len(open_keys))
        for k in list(open_keys):
            if remaining == 0:
                break
            give = min(share, caps[k] - out[k], remaining)
            out[k] += give
            remaining -= give
            if out[k] >= caps[k]:
                open_keys.remove(k)
    return out


def allocate(level_quota: dict[str, dict[str, int]], family_level: dict[str, str],
             caps: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """Rows per family and task.

    Args:
        level_quota: {level: {task: rows}}.
        family_level: {family: level} of the training families.
        caps: {family: {task: eligible designs}}.

    Returns:
        {family: {task: rows}}; the total per task equals the quota's unless every family is at its cap.
    """
    out = {f: {t: 0 for t in caps[f]} for f in family_level}
    tasks = sorted({t for quotas in level_quota.values() for t in quotas})
    for task in tasks:
        deficit = 0
        for level, quotas in sorted(level_quota.items()):
            members = {f: caps[f].get(task, 0) for f, lv in family_level.items() if lv == level}
            filled = water_fill(quotas.get(task, 0), members)
            for f, n in filled.items():
                out[f][task] = n
            deficit += quotas.get(task, 0) - sum(filled.values())
        if deficit:
            spare = {f: caps[f].get(task, 0) - out[f][task] for f in family_level}
            for f, n in water_fill(deficit, spare).items():
                out[f][task] += n
    return out


def design_demand(rows: dict[str, int], rows_per_design: float) -> int:
    """Designs a family needs for its rows: every task distinct, designs shared across tasks at most
    `rows_per_design` times on average."""
    if not rows:
        return 0
    return max(max(rows.values()), math.ceil(sum(rows.values()) / rows_per_design))
