"""Before any weights load: which GPU is there, roughly how much memory the config needs, and what to change
if it will not fit. Estimates come from the model's config.json alone (no weights are read)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from chisellm.config.train import TrainConfig
from chisellm.utils.errors import ChiselLLMError

GIB = 1024**3
CPU_PARAM_LIMIT = 1_000_000_000  # above this a CPU run would take days: refuse with a clear message


@dataclass(frozen=True)
class ModelShape:
    """The few numbers of a decoder config that set its memory."""

    vocab: int
    hidden: int
    intermediate: int
    layers: int
    heads: int
    kv_heads: int
    tied_embeddings: bool

    @property
    def linear_params_per_layer(self) -> int:
        kv = self.hidden // self.heads * self.kv_heads
        return 2 * self.hidden * self.hidden + 2 * self.hidden * kv + 3 * self.hidden * self.intermediate

    @property
    def lora_params_per_rank_per_layer(self) -> int:
        kv = self.hidden // self.heads * self.kv_heads
        return 2 * (2 * self.hidden) + 2 * (self.hidden + kv) + 3 * (self.hidden + self.intermediate)

    @property
    def embedding_params(self) -> int:
        return self.vocab * self.hidden * (1 if self.tied_embeddings else 2)

    @property
    def total_params(self) -> int:
        return self.layers * self.linear_params_per_layer + self.embedding_params


@dataclass
class MemoryEstimate:
    """Estimated peak GPU memory of one training process, in GiB, by part."""

    weights: float
    trainable_state: float
    activations: float
    logits: float
    overhead: float = 1.0

    @property
    def total(self) -> float:
        return self.weights + self.trainable_state + self.activations + self.logits + self.overhead

    def describe(self) -> str:
        return (f"~{self.total:.1f} GiB (weights {self.weights:.1f}, trainable+optimizer {self.trainable_state:.1f}, "
                f"activations {self.activations:.1f}, logits {self.logits:.1f}, overhead {self.overhead:.1f})")


@dataclass
class PreflightReport:
    """What preflight found: the device, the estimate, and advice when it will not fit."""

    device: str
    device_total_gib: float | None
    params: int
    estimate: MemoryEstimate
    advice: list[str] = field(default_factory=list)

    @property
    def fits(self) -> bool:
        return self.device_total_gib is None or self.estimate.total <= self.device_total_gib

    def lines(self) -> list[str]:
        memory = f" ({self.device_total_gib:.1f} GiB)" if self.device_total_gib else ""
        out = [f"device: {self.device}{memory}", f"model: ~{human_count(self.params)} parameters",
               f"estimated peak memory: {self.estimate.describe()}"]
        out += [f"advice: {line}" for line in self.advice]
        return out


def read_model_shape(model_name_or_path: str) -> ModelShape:
    """Read the decoder shape from the model's config.json (local folder or hub id through from_pretrained)."""
    from transformers import AutoConfig

    try:
        cfg = AutoConfig.from_pretrained(model_name_or_path)
    except (OSError, ValueError) as exc:
        raise ChiselLLMError(f"cannot read the model config of `{model_name_or_path}` ({exc})",
                             hint="point model_name_or_path at a local model folder (scripts/build_tiny_model.py "
                                  "makes one) or a reachable hub id") from None
    cfg = cfg.get_text_config() if hasattr(cfg, "get_text_config") else cfg
    return ModelShape(vocab=cfg.vocab_size, hidden=cfg.hidden_size, intermediate=cfg.intermediate_size,
                      layers=cfg.num_hidden_layers, heads=cfg.num_attention_heads,
                      kv_heads=getattr(cfg, "num_key_value_heads", None) or cfg.num_attention_heads,
                      tied_embeddings=bool(getattr(cfg, "tie_word_embeddings", False)))


# Per-token bytes, in units of hidden and intermediate width (bf16), of what backward holds besides the
# checkpoints: fitted to the 14B QLoRA and LoRA runs on an H200 (bench/train_gpu.py, docs/training.md).
LAYER_WORKSPACE_HIDDEN = 17
LAYER_WORKSPACE_INTERMEDIATE = 8
# The same, per layer, when every layer keeps its activations (no gradient checkpointing).
LAYER_ACTIVATIONS_HIDDEN = 12
LAYER_ACTIVATIONS_INTERMEDIATE = 4
NF4_OVERHEAD = 1.032  # double-quantized absmax statistics: ~0.13 bit per weight on top of 4


def estimate_memory(shape: ModelShape, config: TrainConfig) -> MemoryEstimate:
    """Peak allocated GPU memory of one process for this config (an estimate from the shape alone)."""
    dtype_bytes = 2 if (config.bf16 or config.fp16) else 4
    linear = shape.layers * shape.linear_params_per_layer
    if config.quantization_bit:
        overhead = NF4_OVERHEAD if config.quantization_bit == 4 else 1.0
        weights = linear * config.quantization_bit / 8 * overhead + shape.embedding_params * dtype_bytes
    else:
        weights = shape.total_params * dtype_bytes
    # fp32 weights + fp32 gradients + Adam's two moments (8-bit optimizers keep one byte per moment)
    per_trainable = 10 if "8bit" in config.optim else 16
    if config.finetuning_type == "full":
        trainable = shape.total_params * (per_trainable + 4) - shape.total_params * dtype_bytes
    else:
        trainable = shape.layers * shape.lora_params_per_rank_per_layer * config.lora_rank * per_trainable
    rows = config.per_device_train_batch_size
    tokens = rows * config.cutoff_len
    width = LAYER_WORKSPACE_HIDDEN * shape.hidden + LAYER_WORKSPACE_INTERMEDIATE * shape.intermediate
    if config.gradient_checkpointing:
        stored = 0 if config.activation_offload else tokens * shape.hidden * dtype_bytes * shape.layers
        activations = stored + tokens * width * dtype_bytes
    else:
        per_layer = LAYER_ACTIVATIONS_HIDDEN * shape.hidden + LAYER_ACTIVATIONS_INTERMEDIATE * shape.intermediate
        activations = tokens * per_layer * dtype_bytes * shape.layers
    # Eager attention materialises one layer's scores and probabilities; SDPA's memory-efficient kernel, flex
    # and flash-attention never hold more than a tile of them (measured: SDPA and flex peak alike).
    if config.flash_attn == "disabled":
        packed_rows, row_len = (1, tokens) if config.neat_packing else (rows, config.cutoff_len)
        activations += packed_rows * shape.heads * row_len**2 * 2 * 2
    if config.finetuning_type != "lora":
        logits = tokens * shape.vocab * 2 * 2
    elif config.loss_kernel == "liger":
        logits = tokens * shape.hidden * 4  # the input gradient it computes in the forward pass, kept till backward
    else:
        logits = 512 * shape.vocab * (2 + 4 + 4)  # the frozen head applied 512 answer tokens at a time
    return MemoryEstimate(weights=weights / GIB, trainable_state=trainable / GIB, activations=activations / GIB,
                          logits=logits / GIB, overhead=0.25)


def _advice(shape: ModelShape, config: TrainConfig, budget_gib: float) -> list[str]:
    """Config changes, each with its own estimate, that bring the run closer to `budget_gib`."""
    options = []
    if config.per_device_train_batch_size > 1:
        steps = config.per_device_train_batch_size * config.gradient_accumulation_steps
        options.append(({"per_device_train_batch_size": 1, "gradient_accumulation_steps": steps},
                        f"per_device_train_batch_size=1 gradient_accumulation_steps={steps}"))
    if config.finetuning_type == "lora" and config.quantization_bit is None:
        options.append(({"quantization_bit": 4}, "quantization_bit=4"))
    if config.finetuning_type == "full":
        options.append(({"finetuning_type": "lora", "quantization_bit": 4}, "finetuning_type=lora quantization_bit=4"))
    if not config.gradient_checkpointing:
        options.append(({"gradient_checkpointing": True}, "gradient_checkpointing=true"))
    if config.gradient_checkpointing and not config.activation_offload:
        options.append(({"activation_offload": True}, "activation_offload=true"))
    if config.cutoff_len > 1024:
        options.append(({"cutoff_len": 1024}, "cutoff_len=1024"))
    advice, changes = [], {}
    for change, text in options:
        changes.update(change)
        total = estimate_memory(shape, dataclasses.replace(config, **changes)).total
        advice.append(f"{text} (cumulative estimate ~{total:.1f} GiB of {budget_gib:.1f})")
        if total <= budget_gib:
            break
    return advice


def check_precision(config: TrainConfig) -> None:
    """bf16 needs a GPU that computes in bf16 (Ampere or newer); fp16 mixed precision needs a CUDA GPU.

    Raises:
        ChiselLLMError: naming the key and the device, before any weights load.
    """
    import torch

    cuda = torch.cuda.is_available()
    device = torch.cuda.get_device_name(torch.cuda.current_device()) if cuda else "this machine (no CUDA GPU)"
    if config.bf16 and not (cuda and torch.cuda.is_bf16_supported()):
        raise ChiselLLMError(f"bf16: true, but {device} does not support bf16",
                             hint="set bf16: false (fp32), or fp16: true on a pre-Ampere GPU" if cuda
                             else "set bf16: false (CPU runs train in fp32)")
    if config.fp16 and not cuda:
        raise ChiselLLMError(f"fp16: true needs a CUDA GPU, and {device} has none",
                             hint="set fp16: false (CPU runs train in fp32)")


def human_count(n: float) -> str:
    """A parameter count as people write it: 14.8B, 494M, 1.2M, 350K, 900."""
    for scale, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if n >= scale:
            value = n / scale
            return f"{value:.1f}{suffix}" if value < 100 else f"{value:.0f}{suffix}"
    return f"{int(n)}"


def run_preflight(config: TrainConfig) -> PreflightReport:
    """Check the device against the config before loading weights.

    Raises:
        ChiselLLMError: bf16/fp16 the device cannot do, 4-bit/8-bit without CUDA, a large model without a GPU, or an estimate that exceeds
            the GPU's memory (the message lists settings that would fit).
    """
    import torch

    if config.quantization_bit is not None and not torch.cuda.is_available():
        raise ChiselLLMError(f"quantization_bit: {config.quantization_bit} needs a CUDA GPU (bitsandbytes), "
                             "and none is available",
                             hint="set quantization_bit: null, or run configs/train/tiny.yaml on this CPU")
    if config.flash_attn == "flex" and not torch.cuda.is_available():
        raise ChiselLLMError("flash_attn: flex trains on a CUDA GPU only (flex attention has no CPU backward pass)",
                             hint="set flash_attn: sdpa on this machine")
    shape = read_model_shape(config.model_name_or_path)
    estimate = estimate_memory(shape, config)
    if not torch.cuda.is_available():
        if shape.total_params > CPU_PARAM_LIMIT:
            raise ChiselLLMError(f"no CUDA GPU found, and `{config.model_name_or_path}` (~{shape.total_params / 1e9:.1f}B "
                                 f"parameters) needs one: estimated {estimate.describe()}",
                                 hint="run on a machine with a GPU, or try configs/train/tiny.yaml on this CPU")
        check_precision(config)
        return PreflightReport(device="cpu", device_total_gib=None, params=shape.total_params, estimate=estimate)
    check_precision(config)
    props = torch.cuda.get_device_properties(torch.cuda.current_device())
    total_gib = props.total_memory / GIB
    budget = min(total_gib, config.memory_budget_gib or total_gib)
    where = f"{props.name} ({total_gib:.1f} GiB)" + (f" within memory_budget_gib={budget:g}" if budget < total_gib else "")
    report = PreflightReport(device=props.name, device_total_gib=total_gib, params=shape.total_params,
                             estimate=estimate)
    if estimate.total > budget:
        report.advice = _advice(shape, config, budget)
        raise ChiselLLMError(f"this config will not fit on {where}: estimated {estimate.describe()}",
                             hint="set " + "; or ".join(report.advice))
    if estimate.total > 0.9 * budget:
        report.advice = ["close to the budget: if it runs out, " + a for a in _advice(shape, config, 0.8 * budget)]
    return report
