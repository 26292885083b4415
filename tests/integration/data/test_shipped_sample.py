"""CI's check of the released dataset: a stratified sample re-verified through the engine (the full check is
`make verify-dataset`)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
TRAIN = ROOT / "dataset" / "chisel_sft_merged_10550.jsonl"
EVAL = ROOT / "eval" / "eval_set_v1.jsonl"


@pytest.mark.toolchain
@pytest.mark.skipif(not TRAIN.exists(), reason="the dataset has not been built in this checkout")
@pytest.mark.parametrize(("path", "sample"), [(TRAIN, 60), (EVAL, 20)], ids=["train", "eval"])
def test_stratified_sample_reverifies(path: Path, sample: int) -> None:
    from chisellm.data.inspect import verify_rows

    report = verify_rows(path, sample=sample, seed=1)
    assert report.checked == sample
    assert report.ok, "\n".join(report.failures[:10])
