"""A missing training extra is an install command, not a ModuleNotFoundError."""

from __future__ import annotations

import sys

import pytest

from chisellm.utils.errors import ChiselLLMError
from chisellm.utils.extras import is_available, require_extra


def test_missing_module_names_the_pip_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "peft", None)  # how Python marks a module as not importable
    assert not is_available("peft")
    with pytest.raises(ChiselLLMError) as info:
        require_extra("train", "`chisellm train`")
    assert "peft" in info.value.message and info.value.hint == 'pip install "chisellm[train]"'



def test_quant_extra_names_its_own_install_command(monkeypatch):
    monkeypatch.setitem(sys.modules, "bitsandbytes", None)
    with pytest.raises(ChiselLLMError) as info:
        require_extra("quant", "quantization_bit: 4")
    assert info.value.hint == 'pip install "chisellm[quant]"'
