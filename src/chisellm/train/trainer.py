"""The transformers `Trainer`, with two changes: an answer-only loss that never builds full-vocabulary logits
for prompt tokens, and extra logged scalars (samples, tokens/s, GPU memory and utilisation).

The loss is the mean cross-entropy over answer tokens of the whole optimizer step (transformers'
`num_items_in_batch`), so packed and padded batches of the same samples give the same loss and gradient.
"""

from __future__ import annotations

import time

import torch
from torch.utils.checkpoint import checkpoint
from transformers import Trainer, TrainerCallback
from transformers.trainer_callback import ExportableState

from chisellm.train.prompt import IGNORE_INDEX

# Answer tokens whose logits exist at once: bounds the loss's transient memory at ~0.8 GB for a 152k vocab.
LOSS_CHUNK_TOKENS = 512
GIB = 1024**3
# Architectures whose logits are exactly `lm_head(last normed hidden state)` (no softcapping or scaling).
PLAIN_HEAD_MODEL_TYPES = ("qwen2", "qwen3", "llama", "mistral")


def answer_loss_sum(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """Summed cross-entropy of `logits` [..., V] against `targets` [...] (-100 ignored), in float32 chunks.

    Each chunk is recomputed in the backward pass, so only the compute-dtype logits stay alive.
    """
    flat_logits = logits.reshape(-1, logits.shape[-1])
    flat_targets = targets.reshape(-1)

    def chunk_loss(chunk_logits: torch.Tensor, chunk_targets: torch.Tensor) -> torch.Tensor:
        return torch.nn.functional.cross_entropy(chunk_logits.float(), chunk_targets, ignore_index=IGNORE_INDEX,
                                                 reduction="sum")

    return _chunked_sum(chunk_loss, flat_logits, flat_targets)


def answer_loss_sum_from_hidden(hidden: torch.Tensor, head_weight: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """Like `answer_loss_sum`, but applies the (frozen) output head chunk by chunk inside the checkpoint,
    so full-vocabulary logits never exist for more than `LOSS_CHUNK_TOKENS` tokens at a time."""
    flat_hidden = hidden.reshape(-1, hidden.shape[-1])
    flat_targets = targets.reshape(-1)

    def chunk_loss(chunk_hidden: torch.Tensor, chunk_targets: torch.Tensor) -> torch.Tensor:
        logits = torch.nn.functional.linear(chunk_hidden.to(head_weight.dtype), head_weight)
        return torch.nn.functional.cross_entropy(logits.float(), chunk_targets, ignore_index=IGNORE_INDEX,
                                                 reduction="sum")

    return _chunked_sum(chunk_loss, flat_hidden, flat_targets)


def answer_loss_sum_liger(hidden: torch.Tensor, head_weight: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """`answer_loss_sum_from_hidden` through Liger's fused linear cross-entropy (Triton, CUDA only): the head
    matmul, softmax and the input gradient run chunk by chunk in the forward pass, nothing is recomputed."""
    from liger_kernel.transformers.functional import liger_fused_linear_cross_entropy

    flat_hidden = hidden.reshape(-1, hidden.shape[-1]).to(head_weight.dtype)
    loss = liger_fused_linear_cross_entropy(flat_hidden, head_weight, targets.reshape(-1), ignore_index=IGNORE_INDEX,
                                            reduction="sum", accum_dtype=torch.float32)
    return (loss[0] if isinstance(loss, tuple) else loss).float()


def _chunked_sum(chunk_loss, flat_inputs: torch.Tensor, flat_targets: torch.Tensor) -> torch.Tensor:
    """Sum `chunk_loss` over `LOSS_CHUNK_TOKENS`-token chunks, each recomputed in backward when training."""
    total = flat_inputs.new_zeros((), dtype=torch.float32)
    for start in range(0, flat_targets.numel(), LOSS_CHUNK_TOKENS):
        piece = slice(start, start + LOSS_CHUNK_TOKENS)
        if flat_inputs.requires_grad:
            total = total + checkpoint(chunk_loss, flat_inputs[piece], flat_targets[piece], use_reentrant=False)
        else:
            total = total + chunk_loss(flat_inputs[piece], flat_targets[piece])
    return total


class TrainingMeter(TrainerCallback, ExportableState):
    """Samples, tokens and summed training loss so far; saved in every checkpoint so a resumed run keeps
    counting (its mean train loss then covers every step, as an uninterrupted run's does)."""

    def __init__(self, samples_seen: int = 0, tokens_seen: int = 0, loss_sum: float = 0.0):
        self.samples_seen = samples_seen
        self.tokens_seen = tokens_seen
        self.loss_sum = loss_sum  # of the per-micro-batch losses the Trainer sums into its own train loss
        self._pending_loss: torch.Tensor | None = None  # summed on the device, read at save and at the end
        self.mark = (time.perf_counter(), tokens_seen)  # (time, tokens) at the last log, for tokens/s

    def add_loss(self, loss: torch.Tensor) -> None:
        self._pending_loss = loss.detach() if self._pending_loss is None else self._pending_loss + loss.detach()

    @property
    def total_loss(self) -> float:
        """The loss summed over every training step of the run, resumed parts included."""
        if self._pending_loss is not None:
            self.loss_sum += float(self._pending_loss)
            self._pending_loss = None
        return self.loss_sum

    def on_train_begin(self, args, state, control, **kwargs):
        """Start the tokens/s clock once a resumed checkpoint has restored the counters."""
        self.mark = (time.perf_counter(), self.tokens_seen)

    def state(self) -> dict:
        """What a checkpoint stores of this callback."""
        return {"args": {}, "attributes": {"samples_seen": self.samples_seen, "tokens_seen": self.tokens_seen,
                                           "loss_sum": self.total_loss}}


def gpu_metrics() -> dict[str, float]:
    """GPU memory (GiB) of this process and the card's utilisation (%), when a CUDA GPU is in use."""
    if not torch.cuda.is_available():
        return {}
    metrics = {
        "gpu_mem_allocated_gib": torch.cuda.memory_allocated() / GIB,
        "gpu_mem_reserved_gib": torch.cuda.memory_reserved() / GIB,
        "gpu_mem_peak_gib": torch.cuda.max_memory_allocated() / GIB,
    }
    try:
        metrics["gpu_utilization_pct"] = float(torch.cuda.utilization())
    except Exception:  # noqa: BLE001 - NVML missing or not exposed by this GPU: utilisation is optional
        pass
    return metrics


class ChiselTrainer(Trainer):
    """`Trainer` with the answer-only chunked loss and throughput/memory logging."""

    loss_is_scaled_for_ga = True

    def __init__(self, *args, loss_kernel: str = "chunked", **kwargs):
        super().__init__(*args, **kwargs)
        self.loss_kernel = loss_kernel
        self.add_callback(TrainingMeter())

    @property
    def meter(self) -> TrainingMeter:
        """The live meter (a resumed checkpoint replaces the callback object)."""
        return next(cb for cb in self.callback_handler.callbacks if isinstance(cb, TrainingMeter))

    def training_step(self, model, inputs, num_items_in_batch=None):
        """The Trainer's step; its loss is also summed by the meter (see `TrainingMeter.total_loss`)."""
        loss = super().training_step(model, inputs, num_items_in_batch)
        self.meter.add_loss(loss)
        return loss

    def mean_train_loss(self) -> float | None:
        """Mean training loss over all optimizer steps of the run, including those before a resume."""
        steps = self.state.global_step
        return self.meter.total_loss / steps if steps else None

    def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
        """Mean cross-entropy over answer tokens; logits are computed only where the next token is an answer."""
        num_sequences = inputs.pop("num_sequences", None)
        num_tokens = inputs.pop("num_tokens", None)
        labels = inputs.pop("labels")
        targets = labels[:, 1:]
        # Positions whose next token is an answer token, in any row of the batch.
        keep = (targets != IGNORE_INDEX).any(dim=0).nonzero().squeeze(-1)
        # use_cache=False: with a cache, transformers ignores packed position_ids and samples would attend to each other
        head = self._frozen_head(model)
        if head is not None:
            outputs, hidden = self._forward_to_last_hidden(model, inputs)
            loss_sum = answer_loss_sum_liger if self.loss_kernel == "liger" else answer_loss_sum_from_hidden
            loss = loss_sum(hidden[:, keep], head.weight, targets[:, keep])
        elif self.loss_kernel == "liger":
            raise ValueError("loss_kernel: liger needs a frozen, bias-free output head on one device "
                             "(LoRA on a Qwen2/Llama-type model, not FSDP/DeepSpeed)")
        else:
            outputs = model(**inputs, logits_to_keep=keep, use_cache=False)
            loss = answer_loss_sum(outputs.logits, targets[:, keep])
        if model.training:
            meter = self.meter
            meter.samples_seen += int(num_sequences) if num_sequences is not None else labels.shape[0]
            mask = inputs.get("attention_mask")
            if num_tokens is not None:  # packed batches padded to a fixed shape say how many tokens are real
                meter.tokens_seen += int(num_tokens)
            else:
                meter.tokens_seen += int(mask.sum()) if mask is not None else labels.numel()
        if num_items_in_batch is not None:
            loss = loss / num_items_in_batch
            if self.args.average_tokens_across_devices:
                loss = loss * self.accelerator.num_processes  # DDP averages gradients; undo for a global token mean
        else:
            loss = loss / (targets != IGNORE_INDEX).sum().clamp(min=1)
            if model.training:
                loss = loss / self.current_gradient_accumulation_steps
        return (loss, outputs) if return_outputs else loss

    def _forward_to_last_hidden(self, model, inputs):
        """Run the model (through its DDP/PEFT wrappers) and catch the final norm's output on the way.

        Asking for `output_hidden_states` instead would keep every layer's output alive until the loss, which
        defeats `activation_offload` and costs one [tokens, hidden] tensor per layer without it.
        """
        caught = {}
        norm = self.accelerator.unwrap_model(model).get_decoder().norm
        handle = norm.register_forward_hook(lambda _module, _args, output: caught.__setitem__("hidden", output))
        try:
            outputs = model(**inputs, logits_to_keep=1, use_cache=False)
        finally:
            handle.remove()
        return outputs, caught["hidden"]

    def _frozen_head(self, model) -> torch.nn.Linear | None:
        """The output head when the loss may apply it itself: frozen, bias-free, plain logits, not sharded."""
        from accelerate.utils import DistributedType

        unwrapped = self.accelerator.unwrap_model(model)
        head = unwrapped.get_output_embeddings()
        model_type = getattr(unwrapped.config, "model_type", "")
        sharded = self.accelerator.distributed_type in (DistributedType.FSDP, DistributedType.DEEPSPEED)
        if (isinstance(head, torch.nn.Linear) and head.bias is None and not head.weight.requires_grad
                and model_type in PLAIN_HEAD_MODEL_TYPES and not sharded):
            return head
        return None

    def log(self, logs: dict[str, float], start_time: float | None = None) -> None:
        """Add samples seen, tokens/s and GPU memory to every training log entry; the final `train_loss` is
        the mean over every step, resumed parts included (the Trainer's covers only this process's steps)."""
        if "train_loss" in logs:
            logs["train_loss"] = self.mean_train_loss()
        if "loss" in logs:
            meter = self.meter
            now = time.perf_counter()
            last_time, last_tokens = meter.mark
            if now > last_time:
                logs["tokens_per_second"] = (meter.tokens_seen - last_tokens) * self.args.world_size / (now - last_time)
            meter.mark = (now, meter.tokens_seen)
            logs["samples_seen"] = meter.samples_seen * self.args.world_size
            logs.update(gpu_metrics())
        super().log(logs, start_time)
