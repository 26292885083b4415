"""Build gates that need no toolchain: unknown families, the reject-rate threshold, drafts are deterministic
and unique, training never reuses an eval parameter combination."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from chisellm.config.data import DataConfig
from chisellm.data.build import Builder, BuildReport, select_families
from chisellm.data.families import FAMILIES
from chisellm.data.pool import Draft, draw_drafts
from chisellm.utils.errors import ChiselLLMError


def test_unknown_family_is_named_with_a_suggestion() -> None:
    with pytest.raises(ChiselLLMError, match="no family named 'util_queu'") as info:
        select_families(DataConfig(exclude_families=["util_queu"]))
    assert "util_queue" in (info.value.hint or "")


def test_held_out_families_never_train() -> None:
    train, held = select_families(DataConfig())
    assert len(held) >= 5 and all(f.held_out for f in held)
    assert not any(f.held_out for f in train)
    assert len({f.level for f in held}) >= 4


def _builder(tmp_path: Path, max_rate: float) -> Builder:
    builder = Builder.__new__(Builder)  # the gate alone, without starting the engine
    builder.cfg = DataConfig(build_dir=str(tmp_path), verify=dataclasses.replace(DataConfig().verify,
                                                                                 max_reject_rate=max_rate))
    builder.build_dir = tmp_path
    builder.rejects = [{"kind": "reference", "family": "fam_a"}]
    builder.report = BuildReport()
    return builder


def test_reject_rate_above_threshold_fails_the_build(tmp_path: Path) -> None:
    drafts = [Draft("fam_a", "train", i, {}, "s", "", str(i), "") for i in range(10)]
    drafts += [Draft("fam_b", "train", i, {}, "s", "", f"b{i}", "") for i in range(10)]
    with pytest.raises(ChiselLLMError, match=r"fam_a \(10%\)"):
        _builder(tmp_path, 0.05)._check_reject_rates(drafts)
    assert (tmp_path / "rejects.jsonl").read_text().count("\n") == 1  # written before failing
    _builder(tmp_path, 0.2)._check_reject_rates(drafts)


@pytest.mark.parametrize("family_name", ["util_queue", "mux2", "heldout_stream_filter"])
def test_drafts_are_deterministic_unique_and_respect_exclusions(family_name: str) -> None:
    family = FAMILIES[family_name]
    eval_drafts = draw_drafts(family, 0, "eval", 3, 30)
    first = draw_drafts(family, 0, "train", 40, 30, exclude_params={d.param_key for d in eval_drafts})
    again = draw_drafts(family, 0, "train", 40, 30, exclude_params={d.param_key for d in eval_drafts})
    assert [d.code for d in first] == [d.code for d in again]
    assert len({d.code_key for d in first}) == len(first)
    assert not {d.param_key for d in first} & {d.param_key for d in eval_drafts}
    assert [d.code for d in draw_drafts(family, 0, "train", 10, 30,
                                        exclude_params={d.param_key for d in eval_drafts})] == [d.code for d in first[:10]]
