"""Schema of `chisellm train` configs: the reference (LLaMA-Factory) keys, unchanged, plus a few of our own.

The reference workflow's YAML loads as written. Keys beyond it (`neat_packing`, `gradient_checkpointing`,
`optim`, `seed`, ...) have defaults that keep the reference behaviour; our shipped configs turn the fast path on.
LLaMA-Factory keys mean what they mean there, or are refused with the reason: `packing: true` (samples that
attend to each other) is refused, `neat_packing: true` is our padding-free packing; `dataset: a,b` reads both.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from chisellm.config.loader import load_config

# Other names accepted for a key (LLaMA-Factory and transformers spellings).
REPORT_TO = ("tensorboard", "wandb", "mlflow", "none", "all")
TRAIN_ALIASES = {"evaluation_strategy": "eval_strategy", "lora_r": "lora_rank", "max_seq_length": "cutoff_len"}


@dataclass
class TrainConfig:
    """Everything one training run needs; see docs/training.md for each key."""

    # --- model
    model_name_or_path: str
    output_dir: str
    dataset: str
    stage: Literal["sft"] = "sft"
    do_train: bool = True
    finetuning_type: Literal["lora", "full"] = "lora"
    template: str = "qwen"
    flash_attn: Literal["auto", "disabled", "sdpa", "fa2", "flex"] = "auto"
    enable_liger_kernel: bool = False  # Liger's RoPE, RMSNorm and SwiGLU kernels (LLaMA-Factory's key)
    quantization_bit: int | None = None
    quantization_method: Literal["bitsandbytes", "bnb"] = "bitsandbytes"
    quantization_type: Literal["nf4", "fp4"] = "nf4"
    double_quantization: bool = True
    # --- lora
    lora_target: str = "all"
    lora_rank: int = 8
    lora_alpha: int | None = None
    lora_dropout: float = 0.0
    # --- data
    dataset_dir: str = "dataset"
    cutoff_len: int = 2048
    max_samples: int | None = None
    val_size: float = 0.0
    neat_packing: bool = False  # LLaMA-Factory's name: pack samples into rows without cross-attention
    packing: bool = False  # LLaMA-Factory's packing (samples attend to each other): refused when true
    # --- optimisation
    per_device_train_batch_size: int = 1
    per_device_eval_batch_size: int | None = None
    gradient_accumulation_steps: int = 1
    learning_rate: float = 5e-5
    num_train_epochs: float = 3.0
    max_steps: int = -1
    lr_scheduler_type: str = "cosine"
    warmup_ratio: float = 0.0
    warmup_steps: int = 0  # LLaMA-Factory / transformers: a step count; set this or warmup_ratio
    weight_decay: float = 0.0
    max_grad_norm: float = 1.0
    optim: str = "adamw_torch"
    bf16: bool = False
    fp16: bool = False
    gradient_checkpointing: bool = True
    activation_offload: bool = False  # checkpointed layer inputs wait in host memory (single GPU)
    loss_kernel: Literal["chunked", "liger"] = "chunked"  # answer-only loss: our chunks or Liger's fused linear CE
    seed: int = 42
    # --- evaluation, logging, checkpoints
    eval_strategy: str | bool = "no"  # YAML reads a bare `no` as false
    eval_steps: int | None = None
    load_best_model_at_end: bool = False
    logging_steps: int = 10
    save_steps: int = 500
    save_total_limit: int | None = None
    plot_loss: bool = False
    report_to: str = "tensorboard"  # tensorboard, wandb, mlflow, none or all (comma-separated for several)
    deepspeed: str | None = None  # a DeepSpeed JSON config, as LLaMA-Factory and transformers take it
    resume_from_checkpoint: str | None = None
    overwrite_output_dir: bool = False
    overwrite_cache: bool = False
    preprocessing_num_workers: int | None = None
    ddp_timeout: int = 1800
    memory_budget_gib: float | None = None  # preflight refuses configs estimated above this (default: the GPU)

    def __post_init__(self) -> None:
        if self.packing:
            raise ValueError("packing: true means LLaMA-Factory's packing, where packed samples attend to each "
                             "other; chisellm packs without cross-attention, which LLaMA-Factory calls neat_packing: "
                             "write neat_packing: true")
        if not self.do_train:
            raise ValueError("do_train: false (evaluation or prediction only) is not what `chisellm train` does: "
                             "use `chisellm eval` for that")
        if self.warmup_steps < 0 or not 0.0 <= self.warmup_ratio < 1.0:
            raise ValueError("warmup_steps must be >= 0 and warmup_ratio in [0, 1)")
        if self.warmup_steps and self.warmup_ratio:
            raise ValueError(f"set one of warmup_steps ({self.warmup_steps}) and warmup_ratio ({self.warmup_ratio})")
        unknown = [r for r in self.report_to.split(",") if r.strip() not in REPORT_TO]
        if unknown:
            raise ValueError(f"report_to {unknown[0]!r} is not one of {', '.join(REPORT_TO)}")
        if self.deepspeed is not None and not Path(self.deepspeed).is_file():
            raise ValueError(f"deepspeed: {self.deepspeed} is not a file (give a DeepSpeed JSON config, e.g. "
                             "LLaMA-Factory's examples/deepspeed/ds_z2_config.json)")
        if self.eval_strategy is False:
            self.eval_strategy = "no"
        if self.eval_strategy not in ("no", "steps", "epoch"):
            raise ValueError(f"eval_strategy must be no, steps or epoch, got {self.eval_strategy!r}")
        if self.quantization_bit not in (None, 4, 8):
            raise ValueError(f"quantization_bit must be 4, 8 or null, got {self.quantization_bit}")
        if self.quantization_bit is not None and self.finetuning_type == "full":
            raise ValueError("quantization_bit needs finetuning_type: lora (a quantized model cannot be fully fine-tuned)")
        if not 0.0 <= self.val_size < 1.0:
            raise ValueError(f"val_size must be in [0, 1), got {self.val_size}")
        if self.cutoff_len < 16:
            raise ValueError(f"cutoff_len must be at least 16, got {self.cutoff_len}")
        if self.bf16 and self.fp16:
            raise ValueError("set only one of bf16 and fp16")
        if self.eval_strategy == "steps" and self.val_size > 0 and not self.eval_steps:
            raise ValueError("eval_strategy: steps needs eval_steps")
        if self.load_best_model_at_end:
            if self.val_size <= 0 or self.eval_strategy == "no":
                raise ValueError("load_best_model_at_end needs val_size > 0 and eval_strategy steps or epoch")
            if self.eval_strategy == "steps" and self.save_steps % (self.eval_steps or 1) != 0:
                raise ValueError(f"load_best_model_at_end needs save_steps ({self.save_steps}) to be a multiple "
                                 f"of eval_steps ({self.eval_steps})")
        if self.flash_attn == "flex" and not self.neat_packing:
            raise ValueError("flash_attn: flex needs neat_packing: true (its document mask comes from packed position_ids); "
                             "padded batches run with flash_attn: sdpa")
        if self.activation_offload and not self.gradient_checkpointing:
            raise ValueError("activation_offload: true needs gradient_checkpointing: true (it offloads the checkpoints)")
        if self.loss_kernel == "liger" and self.finetuning_type != "lora":
            raise ValueError("loss_kernel: liger applies the frozen output head inside the loss, so it needs "
                             "finetuning_type: lora")
        for name in ("per_device_train_batch_size", "gradient_accumulation_steps", "logging_steps", "save_steps",
                     "lora_rank", "ddp_timeout"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, got {getattr(self, name)}")
        for name in ("per_device_eval_batch_size", "eval_steps", "save_total_limit", "max_samples", "lora_alpha",
                     "preprocessing_num_workers"):
            if getattr(self, name) is not None and getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1 (or null), got {getattr(self, name)}")
        if not self.learning_rate > 0:
            raise ValueError(f"learning_rate must be > 0, got {self.learning_rate}")
        if not self.num_train_epochs > 0:
            raise ValueError(f"num_train_epochs must be > 0, got {self.num_train_epochs}")
        if self.max_steps != -1 and self.max_steps < 1:
            raise ValueError(f"max_steps must be -1 (train for num_train_epochs) or at least 1, got {self.max_steps}")
        for name in ("lora_dropout", "warmup_ratio"):
            if not 0.0 <= getattr(self, name) < 1.0:
                raise ValueError(f"{name} must be in [0, 1), got {getattr(self, name)}")
        for name in ("weight_decay", "max_grad_norm"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be >= 0, got {getattr(self, name)}")

    @property
    def report_to_list(self) -> list[str]:
        """`report_to` as transformers takes it ([] for none)."""
        names = [r.strip() for r in self.report_to.split(",") if r.strip()]
        return [] if names == ["none"] else names

    @property
    def warmup(self) -> int | float:
        """transformers 5's `warmup_steps`: a step count, or a ratio of the run when below 1."""
        return self.warmup_steps or self.warmup_ratio

    @property
    def eval_batch_size(self) -> int:
        """Eval micro-batch size: the train one unless set."""
        return self.per_device_eval_batch_size or self.per_device_train_batch_size

    @property
    def lora_scale_alpha(self) -> int:
        """LoRA alpha, defaulting to twice the rank as LLaMA-Factory does."""
        return self.lora_alpha if self.lora_alpha is not None else 2 * self.lora_rank


def load_train_config(path: str | Path | None, overrides: list[str] | tuple[str, ...] = ()) -> TrainConfig:
    """Load a training YAML plus `key=value` overrides, strictly (unknown keys name the nearest valid one)."""
    return load_config(TrainConfig, path, overrides, aliases=TRAIN_ALIASES)
