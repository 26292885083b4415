"""Load the tokenizer and the model (optionally 4/8-bit through bitsandbytes) and attach LoRA.

Loading goes through `from_pretrained`, so a local folder always works and a hub id works where a hub is
reachable. Quantized base weights stay frozen; only LoRA weights (or everything, for `full`) train.
"""

from __future__ import annotations

import torch

from chisellm.config.train import TrainConfig
from chisellm.utils.errors import ChiselLLMError

# LLaMA-Factory's `lora_target: all` = every linear layer of the decoder, never the output head.
_NOT_LORA_TARGETS = ("lm_head", "embed_tokens", "score")


def compute_dtype(config: TrainConfig) -> torch.dtype:
    """The dtype weights are loaded and computed in."""
    if config.bf16:
        return torch.bfloat16
    if config.fp16:
        return torch.float16
    return torch.float32


def attention_implementation(config: TrainConfig) -> str:
    """Map `flash_attn` to a transformers attention implementation that honours packed position_ids."""
    if config.flash_attn == "fa2":
        from transformers.utils import is_flash_attn_2_available

        if not is_flash_attn_2_available():
            raise ChiselLLMError("flash_attn: fa2 but the flash-attn package is not installed",
                                 hint="pip install flash-attn, or set flash_attn: sdpa")
        return "flash_attention_2"
    if config.flash_attn == "flex":
        from chisellm.train.attention import register_flex_attention

        return register_flex_attention()
    if config.flash_attn == "disabled":
        return "eager"
    return "sdpa"


def require_liger() -> None:
    """Liger's kernels are Triton: they need the optional package and a CUDA GPU."""
    import importlib.util

    if importlib.util.find_spec("liger_kernel") is None:
        raise ChiselLLMError("enable_liger_kernel / loss_kernel: liger need the liger-kernel package",
                             hint="pip install 'chisellm[liger]' (or liger-kernel), or set enable_liger_kernel: false "
                                  "and loss_kernel: chunked")
    if not torch.cuda.is_available():
        raise ChiselLLMError("enable_liger_kernel / loss_kernel: liger need a CUDA GPU (Liger's kernels are Triton)",
                             hint="set enable_liger_kernel: false and loss_kernel: chunked on this machine")


def apply_liger_kernels(model) -> None:
    """Swap in Liger's RoPE, RMSNorm and SwiGLU on a loaded model, before LoRA wraps its linears.

    Cross-entropy stays ours (`loss_kernel` picks chunked or Liger's fused linear CE inside the loss).
    """
    from liger_kernel.transformers import _apply_liger_kernel_to_instance
    from liger_kernel.transformers.monkey_patch import MODEL_TYPE_TO_APPLY_LIGER_FN

    model_type = getattr(model.config, "model_type", "")
    if model_type not in MODEL_TYPE_TO_APPLY_LIGER_FN:
        raise ChiselLLMError(f"enable_liger_kernel: Liger has no kernels for model type `{model_type}`",
                             hint="set enable_liger_kernel: false")
    _apply_liger_kernel_to_instance(model=model, rope=True, rms_norm=True, swiglu=True, cross_entropy=False,
                                    fused_linear_cross_entropy=False)


def load_tokenizer(config: TrainConfig):
    """Load the tokenizer and make sure it can pad (padding side right, for training)."""
    from transformers import AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(config.model_name_or_path)
    except OSError as exc:
        raise ChiselLLMError(f"cannot load a tokenizer from `{config.model_name_or_path}` ({exc})",
                             hint="point model_name_or_path at a local model folder "
                                  "(scripts/build_tiny_model.py makes one) or a reachable hub id") from None
    tokenizer.padding_side = "right"
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    return tokenizer


def _quantization_config(config: TrainConfig):
    from transformers import BitsAndBytesConfig

    if config.quantization_bit == 8:
        return BitsAndBytesConfig(load_in_8bit=True)
    return BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type=config.quantization_type,
                              bnb_4bit_use_double_quant=config.double_quantization,
                              bnb_4bit_compute_dtype=compute_dtype(config),
                              bnb_4bit_quant_storage=compute_dtype(config))


def load_model(config: TrainConfig, device_map: dict | None = None):
    """Load the causal LM as the config asks (dtype, attention, quantization).

    Args:
        config: The run's config.
        device_map: Where to place weights; for a quantized model under DDP, `{"": local_rank}`.
    """
    from transformers import AutoModelForCausalLM

    if config.enable_liger_kernel or config.loss_kernel == "liger":
        require_liger()
    kwargs = {"dtype": compute_dtype(config), "attn_implementation": attention_implementation(config)}
    if config.quantization_bit is not None:
        kwargs["quantization_config"] = _quantization_config(config)
        kwargs["device_map"] = device_map or {"": torch.cuda.current_device()}
    try:
        model = AutoModelForCausalLM.from_pretrained(config.model_name_or_path, **kwargs)
    except OSError as exc:
        raise ChiselLLMError(f"cannot load a model from `{config.model_name_or_path}` ({exc})",
                             hint="point model_name_or_path at a local model folder or a reachable hub id") from None
    model.config.use_cache = False  # the KV cache only costs memory in training
    return model


def lora_target_modules(model, lora_target: str) -> list[str]:
    """Module names LoRA wraps: `all` means every linear layer except the output head and embeddings."""
    if lora_target != "all":
        return [name.strip() for name in lora_target.split(",") if name.strip()]
    linear_types = (torch.nn.Linear,)
    try:
        import bitsandbytes as bnb

        linear_types += (bnb.nn.Linear4bit, bnb.nn.Linear8bitLt)
    except ImportError:
        pass
    names = {name.rsplit(".", 1)[-1] for name, module in model.named_modules() if isinstance(module, linear_types)}
    return sorted(name for name in names if name not in _NOT_LORA_TARGETS)


def prepare_for_training(model, config: TrainConfig):
    """Attach LoRA (or leave all weights trainable for `full`) and turn on gradient checkpointing.

    For a quantized model only the LoRA weights train and are kept in float32; unlike PEFT's
    `prepare_model_for_kbit_training` we leave the embeddings and head in the compute dtype, which keeps
    the 14B QLoRA footprint ~6 GB smaller.
    """
    if config.enable_liger_kernel:
        apply_liger_kernels(model)
    if config.gradient_checkpointing:
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
        model.enable_input_require_grads()
        if config.activation_offload:
            from chisellm.train.offload import enable_activation_offload

            enable_activation_offload(model)
    if config.finetuning_type == "full":
        return model
    from peft import LoraConfig, get_peft_model

    lora = LoraConfig(r=config.lora_rank, lora_alpha=config.lora_scale_alpha, lora_dropout=config.lora_dropout,
                      target_modules=lora_target_modules(model, config.lora_target), task_type="CAUSAL_LM")
    model = get_peft_model(model, lora)
    for param in model.parameters():
        if param.requires_grad:
            param.data = param.data.float()  # fp32 master weights for LoRA, autocast computes in bf16
    return model


def trainable_summary(model) -> str:
    """`trainable / total parameters` for the run log."""
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    total = sum(p.numel() for p in model.parameters())
    return f"{trainable:,} trainable of {total:,} parameters ({100 * trainable / max(1, total):.2f}%)"
