"""An adapter's base model resolves from any working directory, and `--base` overrides it."""

import json

import pytest

from chisellm.config.model_source import resolve_model_source
from chisellm.utils.errors import ChiselLLMError


def make_adapter(folder, base_as_recorded):
    folder.mkdir(parents=True)
    (folder / "adapter_config.json").write_text(json.dumps({"base_model_name_or_path": base_as_recorded}))
    return folder


def test_relative_base_resolves_against_the_adapter_not_the_cwd(tmp_path, monkeypatch):
    (tmp_path / "models" / "base").mkdir(parents=True)
    (tmp_path / "models" / "base" / "config.json").write_text("{}")
    adapter = make_adapter(tmp_path / "models" / "lora", "../base")
    monkeypatch.chdir(tmp_path.parent)
    assert resolve_model_source(adapter).base == str((tmp_path / "models" / "base").resolve())


def test_base_flag_overrides_the_recorded_base(tmp_path):
    adapter = make_adapter(tmp_path / "lora", "build/demo/tiny-qwen2")  # relative to a checkout that is gone
    other = tmp_path / "elsewhere"
    other.mkdir()
    assert resolve_model_source(adapter, base=other).base == str(other.resolve())
    with pytest.raises(ChiselLLMError, match="--base .*not found"):
        resolve_model_source(adapter, base=tmp_path / "missing")
