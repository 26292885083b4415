"""Shared test setup: GPU tests skip without CUDA; the Chisel training fixture and a tiny model built from it
once per session (training, export and eval tests use them)."""

from __future__ import annotations

from pathlib import Path

import pytest

TRAIN_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "train"


@pytest.fixture(scope="session")
def fixture_jsonl() -> Path:
    return TRAIN_FIXTURES / "chisel_sft_fixture.jsonl"


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory, fixture_jsonl) -> Path:
    from chisellm.train.tiny_model import build_tiny_model

    return build_tiny_model(tmp_path_factory.mktemp("tiny") / "model", fixture_jsonl, preset="tiny", seed=0)


@pytest.fixture(scope="session")
def tiny_tokenizer(tiny_model_dir):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(tiny_model_dir)


def pytest_collection_modifyitems(config, items):
    try:
        import torch  # noqa: F401

        has_gpu = torch.cuda.is_available()
    except ImportError:
        has_gpu = False
    skip_gpu = pytest.mark.skip(reason="needs a CUDA GPU")
    for item in items:
        if item.get_closest_marker("gpu") and not has_gpu:  # not `in keywords`: folder names count there
            item.add_marker(skip_gpu)
