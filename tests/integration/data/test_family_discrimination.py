"""Every registered family, through the real engine: each sampled design's reference code passes its own
vectors in every style, and at least one of its mutants compiles and fails them (the vectors discriminate).

Parametrized by family name, so a family author runs `pytest tests/integration/data -k <family>`.
"""

from __future__ import annotations

import random

import pytest

from chisellm.data.families import FAMILIES

SEEDS = (0, 1)  # two designs per family keep the whole sweep at a couple of minutes


@pytest.mark.toolchain
@pytest.mark.parametrize("family_name", sorted(FAMILIES))
def test_family_references_pass_and_a_mutant_fails(family_name: str) -> None:
    from chisellm.hdl import Candidate, Verdict
    from chisellm.hdl.engine import verify_many

    family = FAMILIES[family_name]
    candidates: list[Candidate] = []
    labels: list[tuple[int, str, str]] = []  # (seed, "style"|"mutant", name)
    for seed in SEEDS:
        rng = random.Random(seed)
        params = family.sample_params(rng)
        vectors = family.golden(params, rng)
        top_args = family.top_args(params)
        top = params["module_name"]
        for style, code in sorted(family.styles(params).items()):
            candidates.append(Candidate(code, top, vectors, top_args))
            labels.append((seed, "style", style))
        for index, code in enumerate(family.mutants(params)):
            candidates.append(Candidate(code, top, vectors, top_args))
            labels.append((seed, "mutant", str(index)))
    results = verify_many(candidates)

    failures = [f"seed {seed} style {name}: {result.summary()}"
                for (seed, kind, name), result in zip(labels, results) if kind == "style" and not result.ok]
    assert not failures, f"{family_name}: reference code fails its own vectors:\n" + "\n".join(failures)
    for seed in SEEDS:
        mutant_verdicts = [result.verdict for (s, kind, _), result in zip(labels, results) if s == seed and kind == "mutant"]
        assert Verdict.SIM_MISMATCH in mutant_verdicts, (
            f"{family_name} seed {seed}: no mutant fails the vectors in simulation "
            f"(verdicts: {[v.value for v in mutant_verdicts]}); the vectors do not discriminate")
