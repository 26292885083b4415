"""pyproject.toml's dependency floors equal the list docs/dependencies.md documents (and the floors run used),
every extra is capped below a major version, and a wheel carries the toolchain installer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")  # Python 3.11+

ROOT = Path(__file__).resolve().parents[3]
SPEC = re.compile(r"^([A-Za-z0-9_.-]+)>=([0-9][0-9.]*)(?:,<([0-9]+))?$")


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _declared() -> dict[str, tuple[str, str]]:
    project = _pyproject()["project"]
    specs = list(project["dependencies"])
    for extra in ("train", "quant", "api"):
        specs += project["optional-dependencies"][extra]
    out = {}
    for spec in specs:
        match = SPEC.match(spec)
        assert match, f"{spec!r}: write dependencies as name>=floor or name>=floor,<major"
        out[match.group(1).lower()] = (match.group(2), match.group(3) or "")
    return out


def _documented() -> dict[str, tuple[str, str]]:
    table = {}
    for line in (ROOT / "docs" / "dependencies.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and re.fullmatch(r"[0-9][0-9.]*", cells[1]):
            table[cells[0].lower()] = (cells[1], cells[2])
    return table


def test_floors_and_caps_match_the_documented_list():
    assert _declared() == _documented()


def test_every_extra_is_capped_below_a_major_version():
    project = _pyproject()["project"]
    for extra in ("train", "quant", "api"):
        for spec in project["optional-dependencies"][extra]:
            assert ",<" in spec, f"[{extra}] {spec}: add an upper bound below the next major version"


def test_transformers_floor_is_the_major_training_needs():
    # from_pretrained(dtype=...) and a ratio in TrainingArguments.warmup_steps exist from transformers 5 on
    assert int(_declared()["transformers"][0].split(".")[0]) >= 5


def test_build_backend_knows_spdx_license_strings_and_license_file_exists():
    data = _pyproject()
    assert data["build-system"]["requires"] == ["setuptools>=77"]
    assert data["project"]["license"] == "Apache-2.0"
    assert "Apache License" in (ROOT / "LICENSE").read_text(encoding="utf-8")


def test_wheel_carries_the_toolchain_installer():
    patterns = _pyproject()["tool"]["setuptools"]["package-data"]["chisellm"]
    package = ROOT / "src" / "chisellm"
    for name in ("install/pom.xml", "install/setup_toolchain.sh"):
        assert name in patterns and (package / name).is_file()
    assert "hdl/jvm/*.scala" in patterns and list((package / "hdl" / "jvm").glob("*.scala"))
