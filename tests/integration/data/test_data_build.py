"""The tiny build end to end through the real engine: rows, resume from the cache, same bytes, CLI."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from chisellm.config.data import DataConfig
from chisellm.config.loader import load_config

ROOT = Path(__file__).resolve().parents[3]


def tiny_config(tmp: Path) -> DataConfig:
    cfg = load_config(DataConfig, ROOT / "configs" / "data" / "tiny.yaml")
    return dataclasses.replace(cfg, out=str(tmp / "dataset" / "tiny.jsonl"), build_dir=str(tmp / "build"),
                               eval=dataclasses.replace(cfg.eval, out=str(tmp / "eval" / "eval.jsonl")))


@pytest.mark.toolchain
@pytest.mark.slow
def test_tiny_build_resumes_and_repeats_byte_for_byte(tmp_path: Path) -> None:
    from chisellm.data.build import build_dataset
    from chisellm.data.inspect import verify_rows

    cfg = tiny_config(tmp_path)
    first = build_dataset(cfg, log=lambda _: None)
    assert first is not None and first.train_rows == cfg.train_rows
    rows = [json.loads(line) for line in Path(cfg.out).read_text().splitlines()]
    assert len(rows) == cfg.train_rows
    assert {r["task"] for r in rows} == {"spec2chisel", "verilog2chisel", "repair", "complete"}
    for row in rows:
        assert re.search(rf"\bclass\s+{row['module_name']}\b", row["output"])
        if row["task"] == "repair":
            assert "fails" in row["input"] or "reports" in row["input"]
    first_bytes = {p: Path(p).read_bytes() for p in (cfg.out, cfg.eval.out)}
    assert (Path(cfg.build_dir) / "verify_cache.jsonl").exists()

    second = build_dataset(cfg, log=lambda _: None)  # everything comes from the build cache
    assert second is not None and second.verify.verified == 0
    assert {p: Path(p).read_bytes() for p in first_bytes} == first_bytes
    card = (Path(cfg.out).parent / "README.md").read_text()
    assert "chisellm data build --config" in card and "Leakage" in card and "## Decontamination" in card
    assert "rtllm-v2: no path given" in card  # the tiny config names no suite copies

    # Two worker processes, from an empty build cache: the same bytes (results come back to one writer).
    pooled_dir = tmp_path / "pooled"
    pooled = dataclasses.replace(tiny_config(pooled_dir), verify=dataclasses.replace(cfg.verify, workers=2, chunk=4))
    report = build_dataset(pooled, log=lambda _: None)
    assert report.verify.verified > 0
    assert Path(pooled.out).read_bytes() == first_bytes[cfg.out]
    assert Path(pooled.eval.out).read_bytes() == first_bytes[cfg.eval.out]

    report = verify_rows(cfg.out, sample=8)
    assert report.ok, report.failures
    report = verify_rows(cfg.eval.out)
    assert report.ok and report.checked >= 1, report.failures
