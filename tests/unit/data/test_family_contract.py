"""Every registered family keeps the data contract without the toolchain: phrasings, styles, names, ports,
vector sizes. Parametrized by family name (`pytest tests/unit/data -k <family>`)."""

from __future__ import annotations

import random
import re

import pytest

from chisellm.data.families import FAMILIES
from chisellm.data.families.base import LEVELS, verilog_ports

SEEDS = (0, 1, 2)


def _class_names(code: str) -> list[str]:
    return re.findall(r"\bclass\s+([A-Za-z_]\w*)\s*(?:\[[^\]]*\])?\s*(?:\(|extends)", code)


@pytest.mark.parametrize("family_name", sorted(FAMILIES))
def test_family_contract(family_name: str) -> None:
    family = FAMILIES[family_name]
    assert family.level in LEVELS
    for seed in SEEDS:
        rng = random.Random(seed)
        params = family.sample_params(rng)
        name = params["module_name"]
        assert re.fullmatch(r"[A-Z][A-Za-z0-9]*", name), f"module name {name!r} is not a Scala class name"
        assert not re.search(r"_\d+$|\d{3,}$", name), f"module name {name!r} carries a numeric suffix"
        assert len(set(family.phrasings(params))) >= 3, "needs at least three distinct phrasings"
        styles = family.styles(params)
        assert styles, "needs at least one style"
        for style, code in styles.items():
            assert name in _class_names(code), f"style {style}: no `class {name}` in the reference code"
            assert not re.search(rf"\bclass\s+{name}_\d+", code), f"style {style}: numeric suffix on the class"
        vectors = family.golden(params, rng)
        ports = family.ports(params)
        io_style = params.get("io_style", "bundle")
        expected_outputs = [p.name for p in verilog_ports(ports, io_style, "output")]
        assert {p.name for p in vectors.outputs} <= set(expected_outputs), "vector outputs are not the spec's ports"
        assert vectors.clocked == family.clocked
        if family.clocked:
            assert 100 <= vectors.cycles <= 1000, f"{vectors.cycles} cycles (aim for ~200-300)"
            assert vectors.inputs[0].name == "reset"
        else:
            assert 1 <= vectors.cycles <= 4096, f"{vectors.cycles} rows (exhaustive <= 4096, else ~500 random)"
        assert family.mutants(params), "needs at least one mutant"
        assert all(m not in styles.values() for m in family.mutants(params)), "a mutant equals a reference"


@pytest.mark.parametrize("family_name", sorted(FAMILIES))
def test_family_is_deterministic(family_name: str) -> None:
    family = FAMILIES[family_name]
    first = family.design(random.Random(7))
    second = family.design(random.Random(7))
    assert first.code == second.code and first.vectors.digest == second.vectors.digest


@pytest.mark.parametrize("family_name", sorted(FAMILIES))
def test_every_phrasing_states_the_facts_the_golden_model_depends_on(family_name: str) -> None:
    family = FAMILIES[family_name]
    for seed in range(8):
        params = family.sample_params(random.Random(seed))
        for phrasing in family.phrasings(params):
            text = " ".join(phrasing.lower().split())
            for fact in family.facts(params):
                assert " ".join(fact.phrase.lower().split()) in text, f"{fact.kind} fact {fact.phrase!r} missing"


@pytest.mark.parametrize("family_name", sorted(n for n, f in FAMILIES.items() if f.level == "L4"))
def test_generators_use_every_constructor_parameter(family_name: str) -> None:
    family = FAMILIES[family_name]
    for seed in range(8):
        params = family.sample_params(random.Random(seed))
        for style, code in family.styles(params).items():
            match = re.search(rf"class\s+{params['module_name']}\s*(\[[^\]]*\])?\s*\(([^)]*)\)", code)
            if not match:
                continue
            body = code[match.end():]
            for name in re.findall(r"(\w+)\s*:", match.group(2)):
                assert re.search(rf"\b{name}\b", body), f"{style}: constructor parameter `{name}` is never used"
