"""Every registered family, through the real engine: each sampled design's reference code passes its own
vectors in every style, and at least one of its mutants compiles and fails them (the vectors discriminate).

Parametrized by family name, so a family author runs `pytest tests/integration/data -k <family>`. The
selected families are verified in one engine batch (a module fixture), which keeps the whole sweep short.
"""

from __future__ import annotations

import random

import pytest

from chisellm.data.families import FAMILIES

SEEDS = (0, 1)  # two designs per family


def _candidates(family_name: str) -> list[tuple[tuple[int, str, str], object]]:
    from chisellm.hdl import Candidate

    family = FAMILIES[family_name]
    out = []
    for seed in SEEDS:
        rng = random.Random(seed)
        params = family.sample_params(rng)
        vectors = family.golden(params, rng)
        top_args = family.top_args(params)
        top = params["module_name"]
        for style, code in sorted(family.styles(params).items()):
            out.append(((seed, "style", style), Candidate(code, top, vectors, top_args)))
        for index, code in enumerate(family.mutants(params)):
            out.append(((seed, "mutant", str(index)), Candidate(code, top, vectors, top_args)))
    return out


@pytest.fixture(scope="module")
def verdicts(request: pytest.FixtureRequest) -> dict[str, list]:
    """{family: [(label, result)]} for every family selected in this session, verified in one batch."""
    from chisellm.hdl.engine import verify_many

    names = sorted({item.callspec.params["family_name"] for item in request.session.items
                    if getattr(item, "module", None) is request.module and hasattr(item, "callspec")})
    batch = [(name, label, cand) for name in names for label, cand in _candidates(name)]
    results = verify_many([cand for _, _, cand in batch])
    out: dict[str, list] = {name: [] for name in names}
    for (name, label, _), result in zip(batch, results):
        out[name].append((label, result))
    return out


@pytest.mark.toolchain
@pytest.mark.parametrize("family_name", sorted(FAMILIES))
def test_family_references_pass_and_a_mutant_fails(family_name: str, verdicts: dict[str, list]) -> None:
    from chisellm.hdl import Verdict

    results = verdicts[family_name]
    failures = [f"seed {seed} style {name}: {result.summary()}"
                for (seed, kind, name), result in results if kind == "style" and not result.ok]
    assert not failures, f"{family_name}: reference code fails its own vectors:\n" + "\n".join(failures)
    for seed in SEEDS:
        mutant_verdicts = [result.verdict for (s, kind, _), result in results if s == seed and kind == "mutant"]
        assert Verdict.SIM_MISMATCH in mutant_verdicts, (
            f"{family_name} seed {seed}: no mutant fails the vectors in simulation "
            f"(verdicts: {[v.value for v in mutant_verdicts]}); the vectors do not discriminate")
