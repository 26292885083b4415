#!/usr/bin/env python3
"""Training throughput, MFU and memory on the real dataset's length mix: the padded reference loop against
`chisellm train`'s paths (SDPA, document-masked flex attention, Liger kernels, fused loss, host offload).

    python bench/train_gpu.py encode --tokenizer DIR --out build/chisel_sft.tokens.npz   # once, on any machine
    python bench/train_gpu.py run --samples build/chisel_sft.tokens.npz                 # GPU: 14B rows
    python bench/train_gpu.py run --samples ... --preset tiny                           # seconds: same code

`encode` renders dataset/chisel_sft_merged_10550.jsonl with the ChatML template and the given tokenizer
(answer-only labels, cutoff 2048), exactly as `chisellm train` does, and stores ids + prompt lengths.
`run` builds Qwen2.5-Coder-14B-architecture models with random weights straight on the GPU (no checkpoint
on disk): 4-bit NF4 (QLoRA) and bf16 (LoRA), LoRA 64/128/0.05 on every linear layer. Every row of the table
comes from this one process on one card:
  reference   the reference workflow's loop: padded batches of 2, accumulation 8, the model's own loss,
              torch AdamW (what LLaMA-Factory's reference YAML ran);
  sdpa_*      the shipped config's old path (packed, SDPA block-diagonal mask);
  flex_*      `flash_attn: flex` (document-masked flex attention), `+liger` = `enable_liger_kernel: true`,
              `+flce` = `loss_kernel: liger`, `+offload` = `activation_offload: true`, `bN` = N packed rows.
Effective tokens/s counts real (non-padding) tokens. Model TFLOP/s = 6 x N x tokens/s with N = non-embedding
parameters + output head (recompute not counted); MFU = that over the bf16 matmul rate measured in this run.
Peak = torch.cuda.max_memory_allocated over the variant; `predicted` is `chisellm.train.preflight`'s
estimate for the same config. A same-loss check trains the fastest path and the padded path from the same
LoRA initialisation on the same samples per step and compares their losses step by step.
Writes bench/results/train_gpu_<card>.json (after every row, so a cut-off run keeps what it measured).
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import platform
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
    "0.5b": dict(vocab_size=151936, hidden_size=896, intermediate_size=4864, num_hidden_layers=24,
                 num_attention_heads=14, num_key_value_heads=2),
    "tiny": dict(vocab_size=8192, hidden_size=256, intermediate_size=688, num_hidden_layers=2,
                 num_attention_heads=4, num_key_value_heads=2),
}
SHIPPED_CONFIG = REPO / "configs" / "train" / "qwen2.5-coder-14b-qlora.yaml"
DATASET = REPO / "dataset" / "chisel_sft_merged_10550.jsonl"


@dataclass
class Measurement:
    """One timed configuration."""

    name: str
    model: str
    overrides: list[str]
    steps: int
    tokens: int  # real tokens in the timed window
    seconds: float
    tokens_per_second: float
    model_tflops: float
    mfu: float
    peak_allocated_gib: float
    peak_reserved_gib: float
    predicted_peak_gib: float | None
    samples_per_second: float


# ----------------------------------------------------------------------------------------------- data
def encode(tokenizer_dir: str, out: Path) -> None:
    import numpy as np
    from transformers import AutoTokenizer

    from chisellm.train.data import read_alpaca_rows
    from chisellm.train.prompt import encode_rows

    tokenizer = AutoTokenizer.from_pretrained(tokenizer_dir)
    samples, report = encode_rows(tokenizer, read_alpaca_rows(DATASET), 2048)
    prompts = [next((i for i, label in enumerate(s.labels) if label != IGNORE_INDEX), len(s)) for s in samples]
    lengths = np.array([len(s) for s in samples], dtype=np.int32)
    ids = np.concatenate([np.array(s.input_ids, dtype=np.int32) for s in samples])
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, ids=ids.astype(np.uint16 if ids.max() < 2**16 else np.int32), lengths=lengths,
                        prompts=np.array(prompts, dtype=np.int32))
    print(f"{report.summary(2048)}\nwrote {out} (tokenizer: {len(tokenizer)} entries)")


def load_samples(path: Path) -> list[EncodedSample]:
    import numpy as np

    data = np.load(path)
    ids, samples, start = data["ids"].astype(np.int64), [], 0
    for length, prompt in zip(data["lengths"].tolist(), data["prompts"].tolist()):
        row = ids[start:start + length].tolist()
        samples.append(EncodedSample(row, [IGNORE_INDEX] * prompt + row[prompt:]))
        start += length
    return samples


# ---------------------------------------------------------------------------------------------- model
def _random_bf16(shape, device):
    dtype = torch.bfloat16 if device.type == "cuda" else torch.float32  # a CPU dry run computes in float32
    return torch.empty(shape, dtype=dtype, device=device).normal_(0.0, 0.02)


def build_random_model(shape: dict, device: torch.device, four_bit: bool):
    """Qwen2 with random weights built on the GPU (NF4 linears for QLoRA, bf16 for LoRA), LoRA attached."""
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
                if isinstance(linear, torch.nn.Linear):
                    setattr(parent, name, _random_linear(linear, device, four_bit))
        for norm in (layer.input_layernorm, layer.post_attention_layernorm):
            norm.weight = torch.nn.Parameter(_random_bf16(shape["hidden_size"], device).fill_(1.0))
    model.model.norm.weight = torch.nn.Parameter(_random_bf16(shape["hidden_size"], device).fill_(1.0))
    for module in (model.model.embed_tokens, model.lm_head):
        module.weight = torch.nn.Parameter(_random_bf16(module.weight.shape, device))
    model.model.rotary_emb = Qwen2RotaryEmbedding(config=config).to(device)
    model.requires_grad_(False)
    model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
    model.enable_input_require_grads()
    lora = LoraConfig(r=64, lora_alpha=128, lora_dropout=0.05, task_type="CAUSAL_LM",
                      target_modules=["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"])
    torch.manual_seed(0)
    model = get_peft_model(model, lora)
    for param in model.parameters():
        if param.requires_grad:
            param.data = param.data.float()
    return model


def _random_linear(linear: torch.nn.Linear, device: torch.device, four_bit: bool):
    if not four_bit:
        out = torch.nn.Linear(linear.in_features, linear.out_features, bias=linear.bias is not None, device="meta")
        out.weight = torch.nn.Parameter(_random_bf16((linear.out_features, linear.in_features), device))
    else:
        import bitsandbytes as bnb

        out = bnb.nn.Linear4bit(linear.in_features, linear.out_features, bias=linear.bias is not None,
                                compute_dtype=torch.bfloat16, compress_statistics=True, quant_type="nf4",
                                quant_storage=torch.bfloat16, device="meta")
        out.weight = bnb.nn.Params4bit(_random_bf16((linear.out_features, linear.in_features), device),
                                       requires_grad=False, compress_statistics=True, quant_type="nf4",
                                       quant_storage=torch.bfloat16, module=out)._quantize(device)
    if linear.bias is not None:
        out.bias = torch.nn.Parameter(_random_bf16(linear.out_features, device).zero_(), requires_grad=False)
    return out


def configure(model, config) -> None:
    """Put the shared random model into the state `config` asks for (attention, Liger, checkpointing)."""
    from chisellm.train.model import apply_liger_kernels, attention_implementation
    from chisellm.train.offload import enable_activation_offload

    base = model.get_base_model()
    base.set_attn_implementation(attention_implementation(config))
    if config.enable_liger_kernel and not getattr(base, "_liger_applied", False):
        apply_liger_kernels(base)  # in place and for good: variants with Liger come after those without
        base._liger_applied = True
    if config.gradient_checkpointing:
        base.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
        if config.activation_offload:
            enable_activation_offload(model)
    else:
        base.gradient_checkpointing_disable()


def model_flops_per_token(shape: dict) -> float:
    """6 x (non-embedding parameters + output head)."""
    h, i, layers = shape["hidden_size"], shape["intermediate_size"], shape["num_hidden_layers"]
    kv = h // shape["num_attention_heads"] * shape["num_key_value_heads"]
    return 6.0 * (layers * (2 * h * h + 2 * h * kv + 3 * h * i) + shape["vocab_size"] * h)


def model_shape(shape: dict):
    from chisellm.train.preflight import ModelShape

    return ModelShape(vocab=shape["vocab_size"], hidden=shape["hidden_size"], intermediate=shape["intermediate_size"],
                      layers=shape["num_hidden_layers"], heads=shape["num_attention_heads"],
                      kv_heads=shape["num_key_value_heads"], tied_embeddings=False)


# ------------------------------------------------------------------------------------------ measuring
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


def matmul_tflops(device: torch.device) -> float:
    """bf16 8192^3 matmul rate on random data (median of 10 after 3 warm-ups): the MFU denominator."""
    if device.type != "cuda":
        return float("nan")
    a, b = (torch.randn(8192, 8192, device=device, dtype=torch.bfloat16) for _ in range(2))
    times = []
    for i in range(13):
        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        start.record()
        a @ b
        end.record()
        torch.cuda.synchronize()
        if i >= 3:
            times.append(start.elapsed_time(end) / 1e3)
    del a, b
    return 2 * 8192**3 / sorted(times)[len(times) // 2] / 1e12


def run_reference(model, samples, micro_batches: int, shape, device, peak_tflops) -> Measurement:
    """The reference stack: padded batches of 2, the model's own loss, torch AdamW, accumulation 8."""
    configure(model, load_train_config(SHIPPED_CONFIG, ["flash_attn=sdpa"]))
    reset_memory(device)
    model.train()
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=2e-4)
    collate = PaddedCollator(pad_token_id=0)
    warmup, tokens, sequences, start = 3, 0, 0, 0.0
    for micro in range(warmup + micro_batches):
        if micro == warmup:
            sync(device)
            start, tokens, sequences = time.perf_counter(), 0, 0
        items = [[s] for s in samples[micro * 2:micro * 2 + 2]]
        inputs = {k: v.to(device) for k, v in collate(items).items() if k != "num_sequences"}
        with torch.autocast(device.type, dtype=torch.bfloat16):
            loss = model(**inputs).loss / 8
        loss.backward()
        tokens += int(inputs["attention_mask"].sum())
        sequences += len(items)
        if (micro + 1) % 8 == 0:
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
    sync(device)
    seconds = time.perf_counter() - start
    optimizer.zero_grad(set_to_none=True)
    del optimizer
    allocated, reserved = memory(device)
    tflops = tokens * model_flops_per_token(shape) / seconds / 1e12
    return Measurement("reference", "qlora", ["padded batch 2 x accumulation 8"], micro_batches, tokens, seconds,
                       tokens / seconds, tflops, tflops / peak_tflops, allocated, reserved, None, sequences / seconds)


def trainer_config(output_dir: str, overrides: list[str], steps: int, device: torch.device):
    cpu = ["bf16=false", "optim=adamw_torch"] if device.type != "cuda" else []
    return load_train_config(SHIPPED_CONFIG, [
        f"output_dir={output_dir}", f"max_steps={steps}", "save_steps=100000", "val_size=0", "eval_strategy=no",
        "load_best_model_at_end=false", "report_to=none", "logging_steps=1", "resume_from_checkpoint=null",
        "warmup_ratio=0", *overrides, *cpu])


def train_steps(model, samples, overrides: list[str], steps: int, device: torch.device, padded: bool = False,
                clock=None):
    """`steps` optimizer steps of the shipped config's Trainer path + `overrides`; returns (config, trainer)."""
    from chisellm.train.recipe import training_arguments
    from chisellm.train.trainer import ChiselTrainer

    with tempfile.TemporaryDirectory() as output_dir:
        config = trainer_config(output_dir, overrides, steps, device)
        configure(model, config)
        if padded:
            collator = PaddedCollator(pad_token_id=0)
        else:
            pad_to = config.cutoff_len if config.flash_attn == "flex" else None
            collator = PaddingFreeCollator(pad_to_multiple_of=pad_to)
        args = training_arguments(config, has_eval=False)
        args.disable_tqdm = True
        trainer = ChiselTrainer(model=model, args=args, train_dataset=PackedDataset(samples, config.cutoff_len),
                                data_collator=collator, callbacks=[clock] if clock else [],
                                loss_kernel=config.loss_kernel)
        from transformers.trainer_callback import PrinterCallback

        trainer.remove_callback(PrinterCallback)  # one line per step would bury the table
        if clock:
            clock.trainer = trainer
        trainer.train()
    return config, trainer


def run_trainer_variant(name: str, kind: str, model, samples, overrides: list[str], warmup: int, timed: int,
                        shape, device, peak_tflops) -> Measurement:
    from transformers import TrainerCallback

    from chisellm.train.preflight import estimate_memory

    class StepClock(TrainerCallback):
        trainer = None

        def __init__(self):
            self.marks: list[tuple[float, int, int]] = []

        def on_step_end(self, args, state, control, **kwargs):
            sync(device)
            meter = self.trainer.meter
            self.marks.append((time.perf_counter(), meter.tokens_seen, meter.samples_seen))

    reset_memory(device)
    clock = StepClock()
    config, trainer = train_steps(model, samples, overrides, warmup + timed, device, clock=clock)
    (t0, tok0, smp0), (t1, tok1, smp1) = clock.marks[warmup - 1], clock.marks[-1]
    seconds, tokens = t1 - t0, tok1 - tok0
    allocated, reserved = memory(device)
    trainer.optimizer = None
    del trainer
    predicted = estimate_memory(model_shape(shape), config).total
    tflops = tokens * model_flops_per_token(shape) / seconds / 1e12
    return Measurement(name, kind, overrides, timed, tokens, seconds, tokens / seconds, tflops, tflops / peak_tflops,
                       allocated, reserved, predicted, (smp1 - smp0) / seconds)


def loss_curve(model, initial: dict, samples, overrides: list[str], steps: int, device, padded: bool) -> list[float]:
    """Per-step training loss from the saved LoRA initialisation (same data order: same seed, same bins)."""
    with torch.no_grad():
        for name, param in model.named_parameters():
            if name in initial:
                param.copy_(initial[name])
    _, trainer = train_steps(model, samples, overrides, steps, device, padded=padded)
    losses = [e["loss"] for e in trainer.state.log_history if "loss" in e and "train_runtime" not in e]
    trainer.optimizer = None
    return losses


# ------------------------------------------------------------------------------------------------ main
class Report:
    def __init__(self, out: Path, header: dict):
        self.out, self.data = out, {**header, "results": [], "loss_checks": []}

    def add(self, key: str, value) -> None:
        self.data[key].append(asdict(value) if dataclasses.is_dataclass(value) else value)
        self.write()

    def write(self) -> None:
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self.out.write_text(json.dumps(self.data, indent=2) + "\n")


def print_row(r: Measurement) -> None:
    predicted = f"{r.predicted_peak_gib:.1f}" if r.predicted_peak_gib else "-"
    print(f"{r.model:<6} {r.name:<26} {r.tokens_per_second:>9.0f} {r.samples_per_second:>8.1f} {r.model_tflops:>8.1f} "
          f"{100 * r.mfu:>5.1f}% {r.peak_allocated_gib:>8.1f} {predicted:>8} {r.peak_reserved_gib:>8.1f}", flush=True)


FAST = ["flash_attn=flex", "enable_liger_kernel=true"]
QLORA_VARIANTS = [  # (name, overrides): order matters, Liger patches the model for good
    ("sdpa_b2 (old shipped)", ["flash_attn=sdpa"]),
    ("flex_b2", ["flash_attn=flex"]),
    ("flex+liger_b2", FAST),
    ("flex+liger_b4", [*FAST, "per_device_train_batch_size=4"]),
    ("flex+liger+flce_b2", [*FAST, "loss_kernel=liger"]),
    ("flex+liger+flce_b4", [*FAST, "loss_kernel=liger", "per_device_train_batch_size=4"]),
    ("flex+liger+flce+offload_b4", [*FAST, "loss_kernel=liger", "per_device_train_batch_size=4", "activation_offload=true"]),
    ("flex+liger+flce+offload_b6", [*FAST, "loss_kernel=liger", "per_device_train_batch_size=6", "activation_offload=true"]),
    ("flex+liger+flce+offload_b8", [*FAST, "loss_kernel=liger", "per_device_train_batch_size=8", "activation_offload=true"]),
]
BF16_VARIANTS = [
    ("sdpa_b2", ["quantization_bit=null", "flash_attn=sdpa"]),
    ("flex+liger+flce_b4", ["quantization_bit=null", "flash_attn=flex", "enable_liger_kernel=true",
                            "loss_kernel=liger", "per_device_train_batch_size=4"]),
    ("flex+liger+flce_b2_no_ckpt", ["quantization_bit=null", "flash_attn=flex", "enable_liger_kernel=true",
                                    "loss_kernel=liger", "per_device_train_batch_size=2",
                                    "gradient_checkpointing=false"]),
]


def run(args) -> int:
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    card = torch.cuda.get_device_name(device) if device.type == "cuda" else f"cpu ({platform.processor() or 'x86_64'})"
    shape = SHAPES[args.preset]
    samples = load_samples(Path(args.samples))
    if args.preset == "tiny":
        samples = [EncodedSample([t % shape["vocab_size"] for t in s.input_ids],
                                 [t if t == IGNORE_INDEX else t % shape["vocab_size"] for t in s.labels]) for s in samples]
    mean_len = sum(len(s) for s in samples) / len(samples)
    answer = sum(sum(1 for t in s.labels if t != IGNORE_INDEX) for s in samples) / sum(len(s) for s in samples)
    peak_tflops = matmul_tflops(device)
    print(f"card: {card}; bf16 matmul {peak_tflops:.0f} TFLOP/s; model {args.preset}; {len(samples)} samples, "
          f"mean {mean_len:.0f} tokens, {100 * answer:.0f}% answer tokens", flush=True)
    out = Path(args.out) if args.out else REPO / "bench" / "results" / f"train_gpu_{card.split('(')[0].strip().replace(' ', '_')}.json"
    versions = {name: __import__(name).__version__ for name in ("torch", "transformers", "peft")}
    for name in ("bitsandbytes", "liger_kernel"):
        try:
            from importlib.metadata import version
            versions[name] = version(name.replace("_", "-"))
        except Exception:  # noqa: BLE001 - absent on a CPU dry run
            versions[name] = None
    report = Report(out, {"card": card, "preset": args.preset, "shape": shape, "samples": len(samples),
                          "mean_tokens_per_sample": mean_len, "answer_token_fraction": answer,
                          "tokenizer": args.tokenizer_note, "bf16_matmul_tflops": peak_tflops, "versions": versions})
    gpu = device.type == "cuda"
    timed = args.timed_steps
    print(f"\n{'model':<6} {'path':<26} {'tokens/s':>9} {'samp/s':>8} {'TFLOP/s':>8} {'MFU':>6} {'peak GiB':>8} "
          f"{'predict':>8} {'reserved':>8}", flush=True)

    def attempt(fn, *fargs):
        try:
            result = fn(*fargs)
        except Exception as exc:  # noqa: BLE001 - one failing variant must not lose the rest of the run
            print(f"FAILED {fargs[0] if isinstance(fargs[0], str) else fn.__name__}: {type(exc).__name__}: {exc}", flush=True)
            import traceback
            traceback.print_exc(limit=6)
            reset_memory(device)
            return None
        if isinstance(result, Measurement):
            report.add("results", result)
            print_row(result)
        return result

    if "qlora" in args.models and gpu:
        started = time.perf_counter()
        reset_memory(device)
        model = build_random_model(shape, device, four_bit=True)
        report.data["qlora_static_gib"] = memory(device)[0]
        print(f"QLoRA model built in {time.perf_counter() - started:.0f} s; static {memory(device)[0]:.2f} GiB", flush=True)
        initial = {n: p.detach().clone() for n, p in model.named_parameters() if p.requires_grad}
        attempt(run_reference, model, samples, args.reference_micro_batches, shape, device, peak_tflops)
        for name, overrides in QLORA_VARIANTS:
            if args.only and not any(o in name for o in args.only):
                continue
            attempt(run_trainer_variant, name, "qlora", model, samples, overrides, 2, timed, shape, device, peak_tflops)
        if args.loss_steps:
            fast = args.loss_path.split() if args.loss_path else [*FAST, "loss_kernel=liger", "activation_offload=true"]
            curves = {}
            for label, overrides, padded in (("fast", fast, False), ("padded", ["flash_attn=sdpa"], True)):
                curves[label] = attempt(loss_curve, model, initial, samples, overrides, args.loss_steps, device, padded)
            report.add("loss_checks", {"model": "qlora 14b" if args.preset == "14b" else args.preset, "fast": fast,
                                       **curves})
            print(f"loss check (14B QLoRA), fast vs padded: {curves}", flush=True)
        del model, initial
        reset_memory(device)
    if "bf16" in args.models and gpu:
        started = time.perf_counter()
        model = build_random_model(shape, device, four_bit=False)
        print(f"bf16 model built in {time.perf_counter() - started:.0f} s; static {memory(device)[0]:.2f} GiB", flush=True)
        for name, overrides in BF16_VARIANTS:
            attempt(run_trainer_variant, name, "bf16", model, samples, overrides, 2, timed, shape, device, peak_tflops)
        del model
        reset_memory(device)
    if args.small_loss_steps and gpu:
        small = SHAPES["0.5b"] if args.preset == "14b" else shape
        model = build_random_model(small, device, four_bit=False)
        initial = {n: p.detach().clone() for n, p in model.named_parameters() if p.requires_grad}
        fast = ["quantization_bit=null", "flash_attn=flex", "enable_liger_kernel=true", "loss_kernel=liger"]
        curves = {label: attempt(loss_curve, model, initial, samples, overrides, args.small_loss_steps, device, padded)
                  for label, overrides, padded in (("padded", ["quantization_bit=null", "flash_attn=sdpa"], True),
                                                   ("fast", fast, False))}
        report.add("loss_checks", {"model": "bf16 lora 0.5b-shape", "fast": fast, **curves})
        if curves["fast"] and curves["padded"]:
            diffs = [abs(a - b) for a, b in zip(curves["fast"], curves["padded"])]
            print(f"loss check (0.5B shape, {len(diffs)} steps): first {curves['padded'][0]:.3f} last "
                  f"{curves['padded'][-1]:.3f} (padded) vs {curves['fast'][-1]:.3f} (fast); max |diff| {max(diffs):.4f}",
                  flush=True)
    if not gpu:  # a dry run of the plumbing: what runs without CUDA (no 4-bit, flex backward or Liger)
        model = build_random_model(shape, device, four_bit=False)
        attempt(run_reference, model, samples, args.reference_micro_batches, shape, device, peak_tflops)
        attempt(run_trainer_variant, "sdpa_b2", "fp32", model, samples, ["quantization_bit=null", "flash_attn=sdpa"],
                2, timed, shape, device, peak_tflops)
        initial = {n: p.detach().clone() for n, p in model.named_parameters() if p.requires_grad}
        curves = {label: attempt(loss_curve, model, initial, samples, ["quantization_bit=null", "flash_attn=sdpa"],
                                 args.loss_steps, device, padded) for label, padded in (("fast", False), ("padded", True))}
        report.add("loss_checks", {"model": "cpu dry run", **curves})
        print(f"loss check: {curves}")
    print(f"wrote {out}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    enc = sub.add_parser("encode", help="tokenize the shipped dataset into a samples file")
    enc.add_argument("--tokenizer", required=True)
    enc.add_argument("--out", required=True)
    go = sub.add_parser("run", help="measure")
    go.add_argument("--samples", required=True)
    go.add_argument("--preset", choices=sorted(SHAPES), default="14b")
    go.add_argument("--models", default="qlora,bf16")
    go.add_argument("--only", nargs="*", default=None, help="run only QLoRA variants whose name contains one of these")
    go.add_argument("--timed-steps", type=int, default=5)
    go.add_argument("--reference-micro-batches", type=int, default=8)
    go.add_argument("--loss-steps", type=int, default=5, help="14B same-loss check steps (0: skip)")
    go.add_argument("--loss-path", default=None, help="overrides of the fast path in the loss check")
    go.add_argument("--small-loss-steps", type=int, default=50, help="0.5B-shape same-loss check steps (0: skip)")
    go.add_argument("--tokenizer-note", default="Qwen2.5-shaped byte-level BPE trained on the dataset")
    go.add_argument("--out", default=None)
    args = parser.parse_args()
    if args.command == "encode":
        encode(args.tokenizer, Path(args.out))
        return 0
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
