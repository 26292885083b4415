"""The unbiased pass@k estimator (Chen et al., 2021, "Evaluating Large Language Models Trained on Code")."""

from __future__ import annotations

from collections.abc import Iterable


def pass_at_k(n: int, c: int, k: int) -> float:
    """Probability that at least one of k answers drawn without replacement from n (c of them correct) passes.

    Computes 1 - C(n-c, k) / C(n, k) as a running product, which stays exact-ish in floating point for large n.

    Args:
        n: Answers generated for the task.
        c: Answers that passed.
        k: Answers drawn; must satisfy 1 <= k <= n.

    Raises:
        ValueError: if k is outside 1..n or c outside 0..n.
    """
    if not 1 <= k <= n:
        raise ValueError(f"pass@{k} needs at least {k} answers per task, got n={n}")
    if not 0 <= c <= n:
        raise ValueError(f"c={c} correct answers is outside 0..n={n}")
    if n - c < k:
        return 1.0
    fail = 1.0
    for i in range(n - c + 1, n + 1):
        fail *= 1.0 - k / i
    return 1.0 - fail


def mean_pass_at_k(counts: Iterable[tuple[int, int]], k: int) -> float | None:
    """Mean pass@k over tasks given (n, c) per task; None when no task has at least k answers."""
    values = [pass_at_k(n, c, k) for n, c in counts if n >= k]
    return sum(values) / len(values) if values else None
