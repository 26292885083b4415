#!/usr/bin/env python3
"""QLoRA training throughput and memory: the reference workflow's padded batches vs `chisellm train`'s path.

    python bench/train_gpu.py                      # Qwen2.5-Coder-14B architecture, random 4-bit weights (GPU)
    python bench/train_gpu.py --preset tiny        # a seconds-long dry run of the same code (CPU or GPU)

One process, one GPU, one random model shared by all measurements (LoRA rank 64 / alpha 128 / dropout 0.05 on
every linear layer, NF4 double-quantized base, bf16 compute, gradient checkpointing in all three):
  baseline     plain PyTorch/HF loop + PEFT + bitsandbytes 4-bit, padded batches of 2 (accumulation 8),
               the model's own loss (full-vocabulary logits), torch AdamW: what the reference workflow ran;
  chisellm     `chisellm train`'s path: the shipped configs/train/qwen2.5-coder-14b-qlora.yaml through
               ChiselTrainer (padding-free packed rows of <= cutoff_len, answer-only chunked loss, 8-bit AdamW);
  full_length  the baseline stack on full 2048-token sequences (batch 2): the card's reference figure.
Samples follow a synthetic length mix close to the reference dataset (log-normal, median 140 tokens, mean
~160, 40% prompt). Effective tokens/s counts non-padding tokens. Model TFLOP/s = 6 x N x tokens / time with
N the non-embedding parameters plus the output head (the usual MFU convention; recompute not counted).
Writes bench/results/train_gpu_<card>.json and prints a table.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import platform
import random
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import torch

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from chisellm.config.train import load_train_config  # noqa: E402
from chisellm.train.packing import PackedDataset, PaddedCollator, PaddingFreeCollator  # noqa: E402
from chisellm.train.prompt import IGNORE_INDEX, EncodedSample  # noqa: E402

SHAPES = {
    "14b": dict(vocab_size=152064, hidden_size=5120, intermediate_size=13824, num_hidden_layers=48,
                num_attention_heads=40, num_key_value_heads=8),
    "tiny": dict(vocab_size=2048, hidden_size=256, intermediate_size=688, num_hidden_layers=2,
                 num_attention_heads=4, num_key_value_heads=2),
}
SHIPPED_CONFIG = REPO / "configs" / "train" / "qwen2.5-coder-14b-qlora.yaml"


@dataclass
class Measurement:
    """One timed configuration."""

    name: str
    micro_batches: int
    tokens: int  # non-padding tokens processed in the timed window
    seconds: float
    tokens_per_second: float
    model_tflops: float
    peak_allocated_gib: float
    peak_reserved_gib: float
    samples_per_second: float


def length_mix(count: int, seed: int) -> list[tuple[int, int]]:
    """(prompt, answer) token lengths: log-normal total (median 140, sigma 0.55), 40% prompt, clipped to 48-2048."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        total = int(min(2048, max(48, rng.lognormvariate(math.log(140), 0.55))))
        prompt = max(8, int(total * 0.4))
        out.append((prompt, total - prompt))
    return out


def random_samples(lengths: list[tuple[int, int]], vocab: int, seed: int) -> list[EncodedSample]:
    """Random token ids with the prompt masked out of the labels."""
    generator = torch.Generator().manual_seed(seed)
    samples = []
    for prompt, answer in lengths:
        ids = torch.randint(100, vocab - 100, (prompt + answer,), generator=generator).tolist()
        samples.append(EncodedSample(ids, [IGNORE_INDEX] * prompt + ids[prompt:]))
    return samples


def build_random_qlora_model(shape: dict, device: torch.device):
    """Qwen2 with random NF4 linears built straight on the GPU (no checkpoint on disk), LoRA attached."""
    import bitsandbytes as bnb
    from peft import LoraConfig, get_peft_model
    from transformers import Qwen2Config, Qwen2ForCausalLM
    from transformers.models.qwen2.modeling_qwen2 import Qwen2RotaryEmbedding

    config = Qwen2Config(**shape, max_position_embeddings=32768, rope_theta=1e6, tie_word_embeddings=False,
                         use_cache=False, dtype=torch.bfloat16)
    config._attn_implementation = "sdpa"
    with torch.device("meta"):
        model = Qwen2ForCausalLM(config)
    for layer in model.model.layers:
        for parent in (layer.self_attn, layer.mlp):
            for name, linear in list(parent.named_children()):
                if not isinstance(linear, torch.nn.Linear):
                    continue
                q = bnb.nn.Linear4bit(linear.in_features, linear.out_features, bias=linear.bias is not None,
                                      compute_dtype=torch.bfloat16, compress_statistics=True, quant_type="nf4",
                                      device="meta")
                weight = torch.empty(linear.out_features, linear.in_features, dtype=torch.bfloat16, device=device)
                weight.normal_(0.0, 0.02)
                q.weight = bnb.nn.Params4bit(weight, requires_grad=False, compress_statistics=True, quant_type="nf4",
                                             module=q)._quantize(device)
                if linear.bias is not None:
                    q.bias = torch.nn.Parameter(torch.zeros(linear.out_features, dtype=torch.bfloat16, device=device),
                                                requires_grad=False)
                setattr(parent, name, q)
        for norm in (layer.input_layernorm, layer.post_attention_layernorm):
            norm.weight = torch.nn.Parameter(torch.ones(shape["hidden_size"], dtype=torch.bfloat16, device=device))
    model.model.norm.weight = torch.nn.Parameter(torch.ones(shape["hidden_size"], dtype=torch.bfloat16, device=device))
    for module in (model.model.embed_tokens, model.lm_head):
        module.weight = torch.nn.Parameter(
            torch.empty(module.weight.shape, dtype=torch.bfloat16, device=device).normal_(0.0, 0.02))
    model.model.rotary_emb = Qwen2RotaryEmbedding(config=config).to(device)
    model.requires_grad_(False)
    model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
    model.enable_input_require_grads()
    lora = LoraConfig(r=64, lora_alpha=128, lora_dropout=0.05, task_type="CAUSAL_LM",
                      target_modules=["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"])
    model = get_peft_model(model, lora)
    for param in model.parameters():
        if param.requires_grad:
            param.data = param.data.float()
    return model


def model_flops_per_token(shape: dict) -> float:
    """6 x (non-embedding parameters + output head)."""
    h, i, layers = shape["hidden_size"], shape["intermediate_size"], shape["num_hidden_layers"]
    kv = h // shape["num_attention_heads"] * shape["num_key_value_heads"]
    per_layer = 2 * h * h + 2 * h * kv + 3 * h * i
    return 6.0 * (layers * per_layer + shape["vocab_size"] * h)


def reset_memory(device: torch.device) -> None:
    gc.collect()
    if device.type == "cuda":
        torch.cuda.empty_cache()
        torch.cuda.reset_peak_memory_stats(device)


def memory(device: torch.device) -> tuple[float, float]:
    if device.type != "cuda":
        return 0.0, 0.0
    return torch.cuda.max_memory_allocated(device) / 2**30, torch.cuda.max_memory_reserved(device) / 2**30


def sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def run_padded_loop(name: str, model, samples: list[EncodedSample], batch: int, accumulation: int, warmup: int,
                    timed: int, shape: dict, device: torch.device) -> Measurement:
    """The reference stack: padded batches, the model's own loss, torch AdamW, accumulation."""
    reset_memory(device)
    model.train()
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=2e-4)
    collate = PaddedCollator(pad_token_id=0)
    tokens = sequences = 0
    start = 0.0
    for micro in range(warmup + timed):
        if micro == warmup:
            sync(device)
            start, tokens, sequences = time.perf_counter(), 0, 0
        items = [[s] for s in samples[(micro * batch) % len(samples):][:batch]]
        inputs = {k: v.to(device) for k, v in collate(items).items() if k != "num_sequences"}
        with torch.autocast(device.type, dtype=torch.bfloat16):
            loss = model(**inputs).loss / accumulation
        loss.backward()
        tokens += int(inputs["attention_mask"].sum())
        sequences += len(items)
        if (micro + 1) % accumulation == 0:
            torch.nn.utils.clip_grad_norm_([p for p in model.parameters() if p.requires_grad], 1.0)
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
    sync(device)
    seconds = time.perf_counter() - start
    optimizer.zero_grad(set_to_none=True)
    del optimizer
    allocated, reserved = memory(device)
    return Measurement(name, timed, tokens, seconds, tokens / seconds, tokens * model_flops_per_token(shape) / seconds / 1e12,
                       allocated, reserved, sequences / seconds)


def run_chisellm_path(name: str, overrides: list[str], model, samples: list[EncodedSample], warmup: int, timed: int,
                      shape: dict, device: torch.device) -> Measurement:
    """The shipped QLoRA config's Trainer path (packing, answer-only chunked loss, 8-bit AdamW) + `overrides`."""
    from transformers import TrainerCallback

    from chisellm.train.recipe import training_arguments
    from chisellm.train.trainer import ChiselTrainer

    class StepClock(TrainerCallback):
        def __init__(self):
            self.marks: list[tuple[float, int, int]] = []

        def on_step_end(self, args, state, control, **kwargs):
            sync(device)
            meter = trainer.meter
            self.marks.append((time.perf_counter(), meter.tokens_seen, meter.samples_seen))

    reset_memory(device)
    with tempfile.TemporaryDirectory() as output_dir:
        config = load_train_config(SHIPPED_CONFIG, [
            f"output_dir={output_dir}", f"max_steps={warmup + timed}", "save_steps=100000", "val_size=0",
            "eval_strategy=no", "load_best_model_at_end=false", "report_to=none", "logging_steps=1000",
            "resume_from_checkpoint=null", *overrides] + (["bf16=false", "optim=adamw_torch"] if device.type != "cuda" else []))
        args = training_arguments(config, has_eval=False)
        args.disable_tqdm = True
        clock = StepClock()
        trainer = ChiselTrainer(model=model, args=args, train_dataset=PackedDataset(samples, config.cutoff_len),
                                data_collator=PaddingFreeCollator(), callbacks=[clock])
        trainer.train()
    (t0, tok0, smp0), (t1, tok1, smp1) = clock.marks[warmup - 1], clock.marks[-1]
    seconds, tokens = t1 - t0, tok1 - tok0
    allocated, reserved = memory(device)
    del trainer
    micro = timed * config.per_device_train_batch_size * config.gradient_accumulation_steps
    return Measurement(name, micro, tokens, seconds, tokens / seconds,
                       tokens * model_flops_per_token(shape) / seconds / 1e12, allocated, reserved,
                       (smp1 - smp0) / seconds)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--preset", choices=sorted(SHAPES), default="14b")
    parser.add_argument("--timed-steps", type=int, default=8, help="optimizer steps timed on the chisellm path")
    parser.add_argument("--out", default=None, help="JSON path (default bench/results/train_gpu_<card>.json)")
    args = parser.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    card = torch.cuda.get_device_name(device) if device.type == "cuda" else f"cpu ({platform.processor() or 'x86_64'})"
    shape = SHAPES[args.preset]
    mix = length_mix(4000, seed=0)
    samples = random_samples(mix, shape["vocab_size"], seed=0)
    full = random_samples([(8, 2040)] * 64, shape["vocab_size"], seed=1)
    mean_len = sum(p + a for p, a in mix) / len(mix)
    print(f"card: {card}; model: {args.preset} {shape}; mix: mean {mean_len:.0f} tokens/sample", flush=True)

    started = time.perf_counter()
    model = build_random_qlora_model(shape, device)
    print(f"built random 4-bit model + LoRA in {time.perf_counter() - started:.0f} s; "
          f"allocated {memory(device)[0]:.1f} GiB", flush=True)
    results = [
        run_padded_loop("baseline", model, samples, batch=2, accumulation=8, warmup=3, timed=16, shape=shape,
                        device=device),
        run_chisellm_path("chisellm", [], model, samples, warmup=2, timed=args.timed_steps, shape=shape, device=device),
        run_chisellm_path("chisellm_b1", ["per_device_train_batch_size=1", "gradient_accumulation_steps=2"], model,
                          samples, warmup=2, timed=args.timed_steps, shape=shape, device=device),
        run_chisellm_path("chisellm_b3", ["per_device_train_batch_size=3", "gradient_accumulation_steps=1"], model,
                          samples, warmup=2, timed=args.timed_steps, shape=shape, device=device),
        run_padded_loop("full_length", model, full, batch=2, accumulation=8, warmup=2, timed=6, shape=shape,
                        device=device),
    ]
    by_name = {r.name: r for r in results}
    ratios = {"chisellm_over_baseline": by_name["chisellm"].tokens_per_second / by_name["baseline"].tokens_per_second,
              "chisellm_over_full_length": by_name["chisellm"].tokens_per_second / by_name["full_length"].tokens_per_second}
    print(f"\n{'path':<12} {'tokens/s':>10} {'samples/s':>10} {'TFLOP/s':>8} {'peak alloc GiB':>15} {'peak reserved':>14}")
    for r in results:
        print(f"{r.name:<12} {r.tokens_per_second:>10.0f} {r.samples_per_second:>10.1f} {r.model_tflops:>8.1f} "
              f"{r.peak_allocated_gib:>15.1f} {r.peak_reserved_gib:>14.1f}")
    print(f"chisellm / baseline = {ratios['chisellm_over_baseline']:.1f}x; "
          f"chisellm / full-length = {100 * ratios['chisellm_over_full_length']:.0f}%  ({card})")
    out = Path(args.out) if args.out else REPO / "bench" / "results" / f"train_gpu_{card.split('(')[0].strip().replace(' ', '_')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"card": card, "preset": args.preset, "shape": shape, "mean_tokens_per_sample": mean_len,
                               "torch": torch.__version__, "results": [asdict(r) for r in results], **ratios},
                              indent=2) + "\n")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
