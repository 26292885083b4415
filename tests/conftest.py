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


def _has_gpu() -> bool:
    try:
        import torch
    except ImportError:
        return False
    return torch.cuda.is_available()


def _has_toolchain() -> bool:
    from chisellm.hdl.toolchain import require_jvm_classpath, require_tool
    from chisellm.utils.errors import ChiselLLMError

    try:
        require_jvm_classpath()
        for tool in ("firtool", "iverilog", "vvp", "java"):
            require_tool(tool)
    except ChiselLLMError:
        return False
    return True


def pytest_collection_modifyitems(config, items):
    """Skip `gpu` tests without CUDA, `toolchain` tests without the Chisel toolchain, `train` tests without the
    training extras; each check runs only when a collected test needs it."""
    from chisellm.utils.extras import EXTRAS, is_available

    checks = {
        "gpu": (_has_gpu, "needs a CUDA GPU"),
        "toolchain": (_has_toolchain, "needs the Chisel toolchain: run `chisellm setup` (or `make setup`)"),
        "train": (lambda: all(is_available(m) for m in EXTRAS["train"]), 'needs the training extras: pip install "chisellm[train]"'),
    }
    present: dict[str, bool] = {}
    for item in items:
        for marker, (check, reason) in checks.items():
            if item.get_closest_marker(marker):  # not `in keywords`: folder names count there
                if marker not in present:
                    present[marker] = check()
                if not present[marker]:
                    item.add_marker(pytest.mark.skip(reason=reason))
