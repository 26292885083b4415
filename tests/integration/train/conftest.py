"""Fixtures for training unit tests: the hand-written Chisel fixture and a tiny model built from it once."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "train"
REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def fixture_jsonl() -> Path:
    return FIXTURES / "chisel_sft_fixture.jsonl"


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory, fixture_jsonl) -> Path:
    from chisellm.train.tiny_model import build_tiny_model

    return build_tiny_model(tmp_path_factory.mktemp("tiny") / "model", fixture_jsonl, preset="tiny", seed=0)


@pytest.fixture(scope="session")
def tiny_tokenizer(tiny_model_dir):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(tiny_model_dir)
