"""Preflight reads only config.json: clear messages for 4-bit without CUDA and a 14B model without a GPU."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
import torch

from chisellm.config.train import load_train_config
from chisellm.train.preflight import _advice, check_precision, estimate_memory, read_model_shape, run_preflight
from chisellm.utils.errors import ChiselLLMError

pytestmark = pytest.mark.train

REPO = Path(__file__).resolve().parents[3]

# Qwen2.5-Coder-14B-Instruct's architecture (config.json only, no weights)
QWEN_14B = {"architectures": ["Qwen2ForCausalLM"], "model_type": "qwen2", "hidden_size": 5120,
            "intermediate_size": 13824, "num_hidden_layers": 48, "num_attention_heads": 40,
            "num_key_value_heads": 8, "vocab_size": 152064, "tie_word_embeddings": False,
            "max_position_embeddings": 32768}


@pytest.fixture()
def qwen14b_dir(tmp_path):
    (tmp_path / "config.json").write_text(json.dumps(QWEN_14B))
    return tmp_path


def reference_config(model_dir, *overrides):
    return load_train_config(REPO / "training" / "chisel_lora_config.yaml",
                             [f"model_name_or_path={model_dir}", *overrides])


def test_14b_qlora_estimate_is_plausible(qwen14b_dir):
    shape = read_model_shape(str(qwen14b_dir))
    assert 14.0e9 < shape.total_params < 15.5e9
    qlora = estimate_memory(shape, reference_config(qwen14b_dir))
    assert 8.5 < qlora.weights < 11.5  # 4-bit linears + bf16 embeddings and head
    bf16 = estimate_memory(shape, reference_config(qwen14b_dir, "quantization_bit=null"))
    assert bf16.weights > 2.5 * qlora.weights


@pytest.mark.skipif(torch.cuda.is_available(), reason="checks the no-GPU messages")
def test_no_gpu_messages(qwen14b_dir):
    with pytest.raises(ChiselLLMError, match="needs a CUDA GPU") as err:
        run_preflight(reference_config(qwen14b_dir))
    assert "quantization_bit: null" in err.value.hint and "configs/train/tiny.yaml" in err.value.hint
    with pytest.raises(ChiselLLMError, match="no CUDA GPU found") as err:
        run_preflight(reference_config(qwen14b_dir, "quantization_bit=null"))
    assert "GiB" in str(err.value)


def test_advice_reaches_a_small_budget(qwen14b_dir):
    shape = read_model_shape(str(qwen14b_dir))
    config = reference_config(qwen14b_dir, "quantization_bit=null")
    advice = _advice(shape, config, budget_gib=24.0)
    assert advice[0].startswith("per_device_train_batch_size=1 gradient_accumulation_steps=16")
    assert any("quantization_bit=4" in line for line in advice)
    fitted = dataclasses.replace(config, per_device_train_batch_size=1, quantization_bit=4)
    assert estimate_memory(shape, fitted).total < 24.0


@pytest.mark.skipif(torch.cuda.is_available() and torch.cuda.is_bf16_supported(), reason="this GPU does bf16")
def test_bf16_without_support_is_a_preflight_error(tmp_path):
    config = load_train_config(REPO / "configs" / "train" / "tiny.yaml", [f"model_name_or_path={tmp_path}", "bf16=true"])
    with pytest.raises(ChiselLLMError, match="bf16: true, but .* does not support bf16") as err:
        check_precision(config)
    assert "bf16: false" in err.value.hint


@pytest.mark.skipif(torch.cuda.is_available(), reason="fp16 works on this GPU")
def test_fp16_without_a_gpu_is_a_preflight_error(tmp_path):
    config = load_train_config(REPO / "configs" / "train" / "tiny.yaml", [f"model_name_or_path={tmp_path}", "fp16=true"])
    with pytest.raises(ChiselLLMError, match="fp16: true needs a CUDA GPU"):
        check_precision(config)


def test_parameter_counts_read_well_for_tiny_and_large_models():
    from chisellm.train.preflight import human_count

    assert [human_count(n) for n in (900, 350_000, 1_234_567, 494_000_000, 14_770_000_000)] == [
        "900", "350K", "1.2M", "494M", "14.8B"]
