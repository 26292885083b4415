"""`chisellm train`: one supervised fine-tuning run, top to bottom: setup, train, save.

Works the same under `python`, `chisellm train` and `accelerate launch` (DDP/FSDP/DeepSpeed): the distributed
setup comes from the environment `accelerate` prepares; only rank 0 prints and writes the run record.
"""

from __future__ import annotations

import dataclasses
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from chisellm.config.loader import config_to_dict
from chisellm.config.train import TrainConfig
from chisellm.train.data import AlpacaRow, load_dataset_rows
from chisellm.config.run_record import RunRecord, write_run_record
from chisellm.utils.errors import ChiselLLMError


@dataclass
class RunSummary:
    """What a finished run reports."""

    output_dir: str
    global_step: int
    samples_seen: int
    train_loss: float | None
    eval_loss: float | None
    best_checkpoint: str | None
    best_eval_loss: float | None
    loaded_best_at_end: bool
    truncated: int
    dropped: int

    def lines(self) -> list[str]:
        out = [f"saved to {self.output_dir} after {self.global_step} steps ({self.samples_seen} samples seen)",
               f"train loss {self.train_loss}, final eval loss {self.eval_loss}",
               f"samples longer than cutoff_len: {self.truncated} cut, {self.dropped} dropped"]
        if self.best_checkpoint:
            kept = "kept as the final model" if self.loaded_best_at_end else "not loaded (load_best_model_at_end: false)"
            out.append(f"best checkpoint by eval loss: {self.best_checkpoint} (eval loss {self.best_eval_loss}), {kept}")
        return out


def is_main_process() -> bool:
    """True on rank 0 (or when not distributed)."""
    return int(os.environ.get("RANK", "0")) == 0


def resolve_resume(config: TrainConfig) -> str | None:
    """`resume_from_checkpoint`: null, `auto` (latest checkpoint in output_dir, if any) or a checkpoint path.

    Raises:
        ChiselLLMError: for a path that does not exist, or for an output_dir that already holds checkpoints
            when neither resuming nor overwriting was asked for.
    """
    output_dir = Path(config.output_dir)
    latest = latest_complete_checkpoint(output_dir)
    if config.resume_from_checkpoint == "auto":
        return latest
    if config.resume_from_checkpoint:
        if not Path(config.resume_from_checkpoint).is_dir():
            raise ChiselLLMError(f"resume_from_checkpoint: {config.resume_from_checkpoint} does not exist",
                                 hint="use resume_from_checkpoint=auto to take the latest checkpoint in output_dir")
        return config.resume_from_checkpoint
    if latest and not config.overwrite_output_dir:
        raise ChiselLLMError(f"{output_dir} already holds checkpoints (latest {Path(latest).name})",
                             hint="pass resume_from_checkpoint=auto to continue, or overwrite_output_dir=true to start over")
    return None


def latest_complete_checkpoint(output_dir: Path) -> str | None:
    """The highest `checkpoint-N` whose save finished (its run record is written last), or None.

    A run killed while saving leaves a partial folder; resuming from it would fail, so it is skipped.
    """
    from chisellm.config.run_record import RUN_RECORD_NAME

    if not output_dir.is_dir():
        return None
    steps = []
    for folder in output_dir.glob("checkpoint-*"):
        suffix = folder.name.removeprefix("checkpoint-")
        if suffix.isdigit() and (folder / RUN_RECORD_NAME).is_file():
            steps.append((int(suffix), folder))
    return str(max(steps)[1]) if steps else None


def split_rows(rows: list[AlpacaRow], val_size: float, seed: int) -> tuple[list[AlpacaRow], list[AlpacaRow]]:
    """Seeded split into train and validation rows (`val_size` is a fraction)."""
    if val_size <= 0:
        return rows, []
    order = list(range(len(rows)))
    random.Random(seed).shuffle(order)
    n_val = max(1, round(len(rows) * val_size))
    val = set(order[:n_val])
    return [r for i, r in enumerate(rows) if i not in val], [r for i, r in enumerate(rows) if i in val]


def training_arguments(config: TrainConfig, has_eval: bool):
    """Map our config onto transformers' `TrainingArguments`."""
    import torch
    from transformers import TrainingArguments

    eval_strategy = config.eval_strategy if has_eval else "no"
    return TrainingArguments(
        output_dir=config.output_dir, seed=config.seed, data_seed=config.seed,
        per_device_train_batch_size=config.per_device_train_batch_size,
        per_device_eval_batch_size=config.eval_batch_size,
        gradient_accumulation_steps=config.gradient_accumulation_steps,
        learning_rate=config.learning_rate, num_train_epochs=config.num_train_epochs, max_steps=config.max_steps,
        lr_scheduler_type=config.lr_scheduler_type, warmup_steps=config.warmup,
        weight_decay=config.weight_decay, max_grad_norm=config.max_grad_norm, optim=config.optim,
        bf16=config.bf16, fp16=config.fp16,
        logging_steps=config.logging_steps, logging_first_step=True,
        save_strategy="steps", save_steps=config.save_steps, save_total_limit=config.save_total_limit,
        eval_strategy=eval_strategy, eval_steps=config.eval_steps if eval_strategy == "steps" else None,
        load_best_model_at_end=config.load_best_model_at_end and has_eval,
        metric_for_best_model="eval_loss", greater_is_better=False,
        report_to=config.report_to_list, deepspeed=config.deepspeed,
        remove_unused_columns=False, label_names=["labels"], prediction_loss_only=True,
        dataloader_num_workers=0, dataloader_pin_memory=torch.cuda.is_available(), ddp_timeout=config.ddp_timeout, ddp_find_unused_parameters=False,
        restore_callback_states_from_checkpoint=True,
    )


def run_training(config: TrainConfig, echo: Callable[[str], None] = print) -> RunSummary:
    """Fine-tune `config.model_name_or_path` on `config.dataset` and save the adapter (or model) to output_dir.

    Args:
        config: The validated config.
        echo: Where progress lines go (rank 0 only).

    Returns:
        The run's summary (also written into `chisellm_run.json`).
    """
    import chisellm
    from chisellm.train.callbacks import JsonlLogCallback, RunRecordCallback
    from chisellm.train.model import load_model, load_tokenizer, prepare_for_training, trainable_summary
    from chisellm.train.monitor import plot_loss
    from chisellm.train.packing import PackedDataset, PaddedCollator, PaddingFreeCollator, SampleDataset
    from chisellm.train.preflight import run_preflight
    from chisellm.train.prompt import encode_rows, ensure_chat_template
    from chisellm.train.trainer import ChiselTrainer
    from transformers import set_seed

    say = echo if is_main_process() else (lambda _line: None)
    if Path(config.model_name_or_path).exists():
        # recorded in chisellm_run.json and adapter_config.json: absolute, so they load from any directory
        config = dataclasses.replace(config, model_name_or_path=str(Path(config.model_name_or_path).resolve()))

    # --- setup: checks first, then data, then weights
    resume = resolve_resume(config)
    for line in run_preflight(config).lines():
        say(f"preflight: {line}")
    tokenizer = load_tokenizer(config)
    ensure_chat_template(tokenizer, config.template)
    rows, fingerprint = load_dataset_rows(config.dataset, config.dataset_dir, config.max_samples)
    train_rows, val_rows = split_rows(rows, config.val_size, config.seed)
    train_samples, report = encode_rows(tokenizer, train_rows, config.cutoff_len)
    val_samples = encode_rows(tokenizer, val_rows, config.cutoff_len)[0] if val_rows else []
    say(f"data: {fingerprint.path} ({fingerprint.rows} rows); train {report.summary(config.cutoff_len)}; "
        f"validation {len(val_samples)} samples")
    if config.neat_packing:
        train_set, eval_set = PackedDataset(train_samples, config.cutoff_len), PackedDataset(val_samples, config.cutoff_len)
        # flex attention is compiled for fixed shapes: pad each packed batch up to a multiple of cutoff_len
        pad_to = config.cutoff_len if config.flash_attn == "flex" else None
        collator = PaddingFreeCollator(pad_to_multiple_of=pad_to, pad_token_id=tokenizer.pad_token_id)
        per_step = config.per_device_train_batch_size * config.gradient_accumulation_steps
        say(f"packing: {len(train_samples)} samples in {len(train_set)} sequences of <= {config.cutoff_len} tokens; "
            f"~{per_step * len(train_samples) / len(train_set):.1f} samples per optimizer step per device")
    else:
        train_set, eval_set = SampleDataset(train_samples), SampleDataset(val_samples)
        collator = PaddedCollator(tokenizer.pad_token_id)

    set_seed(config.seed)  # LoRA's initial weights come from this seed, whatever ran before
    model = prepare_for_training(load_model(config, device_map=_device_map(config)), config)
    say(f"model: {trainable_summary(model)}")
    record = RunRecord(config=config_to_dict(config), dataset_fingerprint=fingerprint.to_dict(),
                       chisellm_version=chisellm.__version__)
    trainer = ChiselTrainer(model=model, args=training_arguments(config, bool(val_samples)), train_dataset=train_set,
                            eval_dataset=eval_set if val_samples else None, data_collator=collator,
                            processing_class=tokenizer, loss_kernel=config.loss_kernel,
                            callbacks=[JsonlLogCallback(config.output_dir), RunRecordCallback(record)])

    # --- train
    if resume:
        say(f"resuming from {resume}")
    result = trainer.train(resume_from_checkpoint=resume)

    # --- save: adapter/model + tokenizer + run record at output_dir root
    eval_metrics = trainer.evaluate() if val_samples else {}
    eval_loss = eval_metrics.get("eval_loss")
    trainer.save_model(config.output_dir)
    # LLaMA-Factory's files at the output root: train_results.json, eval_results.json, all_results.json, trainer_state.json
    trainer.save_metrics("train", {**result.metrics, "train_loss": trainer.mean_train_loss()})
    if eval_metrics:
        trainer.save_metrics("eval", eval_metrics)
    trainer.save_state()
    state = trainer.state
    summary = RunSummary(output_dir=config.output_dir, global_step=state.global_step,
                         samples_seen=trainer.meter.samples_seen * trainer.args.world_size,
                         train_loss=trainer.mean_train_loss(), eval_loss=eval_loss,
                         best_checkpoint=state.best_model_checkpoint, best_eval_loss=state.best_metric,
                         loaded_best_at_end=trainer.args.load_best_model_at_end and bool(state.best_model_checkpoint),
                         truncated=report.truncated, dropped=report.dropped)
    if trainer.is_world_process_zero():
        tokenizer.save_pretrained(config.output_dir)
        final_metrics = {k: v for k, v in dataclasses.asdict(summary).items() if k not in ("output_dir",)}
        write_run_record(config.output_dir, dataclasses.replace(
            record, best_checkpoint=state.best_model_checkpoint, metrics=final_metrics))
        if config.plot_loss:
            for path in plot_loss(config.output_dir):
                say(f"plot: {path}")
    for line in summary.lines():
        say(line)
    return summary


def _device_map(config: TrainConfig) -> dict | None:
    """Quantized weights must load straight onto this process's GPU (one per rank under DDP)."""
    if config.quantization_bit is None:
        return None
    return {"": int(os.environ.get("LOCAL_RANK", "0"))}
