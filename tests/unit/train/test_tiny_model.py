"""The locally built tiny model: size, Qwen2 architecture, ChatML template in tokenizer_config, EOS."""

from __future__ import annotations

import json

import pytest

from chisellm.train.tiny_model import count_parameters

pytestmark = pytest.mark.train


def test_tiny_model_shape_and_tokenizer(tiny_model_dir, tiny_tokenizer):
    config = json.loads((tiny_model_dir / "config.json").read_text())
    assert config["model_type"] == "qwen2"
    assert 1_000_000 <= count_parameters(tiny_model_dir) <= 3_000_000
    tokenizer_config = json.loads((tiny_model_dir / "tokenizer_config.json").read_text())
    assert "<|im_start|>" in tokenizer_config["chat_template"]
    assert tiny_tokenizer.eos_token == "<|im_end|>"
    assert config["eos_token_id"] == tiny_tokenizer.convert_tokens_to_ids("<|im_end|>")
    text = "class Adder extends Module { io.out := io.a +& io.b }"
    assert tiny_tokenizer.decode(tiny_tokenizer(text)["input_ids"]) == text  # byte-level BPE round-trips
