"""CPU checks of the fast training paths: flex document mask, fixed-shape packing, host-offloaded
checkpointing, preflight with the new keys, and the multi-GPU launch validation."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import torch

from chisellm.config.train import load_train_config
from chisellm.train.packing import PaddingFreeCollator
from chisellm.train.prompt import IGNORE_INDEX, EncodedSample
from chisellm.utils.errors import ChiselLLMError

REPO = Path(__file__).resolve().parents[3]
SHIPPED = REPO / "configs" / "train" / "qwen2.5-coder-14b-qlora.yaml"
TINY = REPO / "configs" / "train" / "tiny.yaml"


def test_collator_pads_to_a_multiple_as_its_own_document_and_counts_real_tokens():
    samples = [EncodedSample([5, 6, 7], [IGNORE_INDEX, 6, 7]), EncodedSample([8, 9], [IGNORE_INDEX, 9])]
    batch = PaddingFreeCollator(pad_to_multiple_of=8, pad_token_id=0)([samples])
    assert batch["input_ids"].tolist() == [[5, 6, 7, 8, 9, 0, 0, 0]]
    assert batch["position_ids"].tolist() == [[0, 1, 2, 0, 1, 0, 1, 2]]
    assert batch["labels"][0, 5:].tolist() == [IGNORE_INDEX] * 3
    assert int(batch["num_tokens"]) == 5


def test_flex_document_mask_matches_each_sample_alone(tiny_model_dir):
    from transformers import AutoModelForCausalLM

    from chisellm.train.attention import register_flex_attention

    reference = AutoModelForCausalLM.from_pretrained(tiny_model_dir, attn_implementation="sdpa").eval()
    flex = AutoModelForCausalLM.from_pretrained(tiny_model_dir, attn_implementation=register_flex_attention()).eval()
    generator = torch.Generator().manual_seed(1)
    ids = [torch.randint(5, reference.config.vocab_size, (n,), generator=generator) for n in (37, 50, 41)]
    samples = [EncodedSample(x.tolist(), x.tolist()) for x in ids]
    batch = PaddingFreeCollator(pad_to_multiple_of=128)([samples])
    with torch.no_grad():
        logits = flex(input_ids=batch["input_ids"], position_ids=batch["position_ids"], use_cache=False).logits[0]
        start = 0
        for x in ids:
            alone = reference(input_ids=x[None], use_cache=False).logits[0]
            assert torch.allclose(logits[start:start + len(x)], alone, atol=1e-4)
            start += len(x)


def test_offloaded_checkpoint_gives_the_same_loss_and_gradients_with_dropout(tiny_model_dir):
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    from chisellm.train.offload import enable_activation_offload

    def grads(offload: bool):
        torch.manual_seed(0)
        model = AutoModelForCausalLM.from_pretrained(tiny_model_dir, attn_implementation="sdpa")
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
        model.enable_input_require_grads()
        model = get_peft_model(model, LoraConfig(r=4, lora_dropout=0.3, target_modules=["q_proj", "down_proj"]))
        if offload:
            enable_activation_offload(model)
        model.train()
        ids = torch.arange(5, 69)[None] % model.config.vocab_size
        torch.manual_seed(123)  # the same dropout masks in the forward pass of both runs
        loss = model(input_ids=ids, labels=ids, use_cache=False).loss
        loss.backward()
        return loss.item(), {n: p.grad.clone() for n, p in model.named_parameters() if p.requires_grad}

    loss_plain, plain = grads(False)
    loss_offload, offloaded = grads(True)
    assert loss_plain == pytest.approx(loss_offload, abs=1e-6)
    assert plain.keys() == offloaded.keys() and any(g.abs().sum() > 0 for g in plain.values())
    for name in plain:
        assert torch.allclose(plain[name], offloaded[name], atol=1e-6), name


def test_new_keys_are_validated():
    with pytest.raises(ChiselLLMError, match="flex needs neat_packing"):
        load_train_config(TINY, ["flash_attn=flex", "neat_packing=false"])
    with pytest.raises(ChiselLLMError, match="activation_offload"):
        load_train_config(TINY, ["activation_offload=true", "gradient_checkpointing=false"])
    with pytest.raises(ChiselLLMError, match="loss_kernel: liger"):
        load_train_config(REPO / "configs" / "train" / "tiny_full.yaml", ["loss_kernel=liger"])


def test_shipped_14b_config_is_estimated_under_its_16_gib_budget():
    from chisellm.train.preflight import ModelShape, estimate_memory

    config = load_train_config(SHIPPED)
    assert config.flash_attn == "flex" and config.loss_kernel == "liger" and config.memory_budget_gib == 16
    shape = ModelShape(vocab=152064, hidden=5120, intermediate=13824, layers=48, heads=40, kv_heads=8,
                       tied_embeddings=False)
    shipped = estimate_memory(shape, config).total
    assert shipped <= 16
    assert estimate_memory(shape, dataclasses.replace(config, per_device_train_batch_size=4)).total > 16
    offloaded = estimate_memory(shape, dataclasses.replace(config, per_device_train_batch_size=4, activation_offload=True))
    assert offloaded.total < estimate_memory(shape, dataclasses.replace(config, per_device_train_batch_size=4)).total


def test_flex_without_cuda_is_a_clear_error(tiny_model_dir, fixture_jsonl, tmp_path):
    from chisellm.train.preflight import run_preflight

    if torch.cuda.is_available():
        pytest.skip("checks the CPU-only message")
    config = load_train_config(TINY, [f"model_name_or_path={tiny_model_dir}", "flash_attn=flex"])
    with pytest.raises(ChiselLLMError, match="CUDA GPU only"):
        run_preflight(config)


@pytest.mark.parametrize("strategy,overrides,message", [
    ("zero3", ["bf16=true"], "zero3_init_flag: false"),
    ("fsdp", ["bf16=false"], "set bf16: true"),
    ("fsdp", ["bf16=true", "quantization_bit=8"], "cannot be sharded"),
    ("ddp", ["bf16=true", "activation_offload=true"], "single-process"),
    ("fsdp", ["bf16=true", "loss_kernel=liger"], "loss_kernel: chunked"),
])
def test_impossible_multi_gpu_combinations_are_refused(strategy, overrides, message):
    from chisellm.train.launch import STRATEGIES, launch_problems, read_accelerate_config
    from chisellm.train.launch import ACCELERATE_CONFIGS

    config = load_train_config(SHIPPED, overrides)
    accel = read_accelerate_config(ACCELERATE_CONFIGS / STRATEGIES[strategy])
    problems = launch_problems(config, strategy, accel, 2, STRATEGIES[strategy])
    assert any(message in p for p in problems), problems


def test_shipped_qlora_config_is_accepted_for_ddp():
    from chisellm.train.launch import ACCELERATE_CONFIGS, launch_problems, read_accelerate_config

    config = load_train_config(SHIPPED)
    assert launch_problems(config, "ddp", read_accelerate_config(ACCELERATE_CONFIGS / "ddp.yaml"), 2, "ddp.yaml") == []
