"""Merge a LoRA adapter into its base model in bf16 and save sharded safetensors, tokenizer, generation config
and a model card. A fully fine-tuned output folder is re-saved the same way (nothing to merge)."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chisellm.config.eval_summary import EvalSummary
from chisellm.export.model_card import render_model_card
from chisellm.config.model_source import ModelSource, resolve_model_source
from chisellm.config.run_record import RUN_RECORD_NAME, find_run_record
from chisellm.utils.errors import ChiselLLMError
from chisellm.utils.io import atomic_write_text, read_json

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMG]B)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote."""

    out_dir: Path
    source: ModelSource
    shards: list[str]
    parameters: int


def parse_shard_size(text: str) -> str:
    """Validate a shard size like `2GB`, `500MB` or `200KB` (the form `save_pretrained` takes).

    Raises:
        ChiselLLMError: for anything else.
    """
    if not _SIZE.match(text):
        raise ChiselLLMError(f"--shard-size `{text}` is not a size", hint="write e.g. 2GB, 500MB or 200KB")
    number, unit = _SIZE.match(text).groups()
    return f"{number}{unit.upper()}"


def export_model(adapter_dir: str | Path, out_dir: str | Path, shard_size: str = "2GB",
                 eval_summary: str | Path | None = None, base: str | Path | None = None) -> ExportResult:
    """Merge `adapter_dir` (or re-save a full model folder) into `out_dir` as bf16 sharded safetensors.

    Args:
        adapter_dir: A training output folder: an adapter (adapter_config.json) or a full model (config.json).
        out_dir: Where the merged model goes; must not be `adapter_dir`.
        shard_size: Largest shard, e.g. `2GB`.
        eval_summary: An eval summary.json whose headline goes into the model card.
        base: The base model folder, overriding the one the adapter recorded.

    Raises:
        ChiselLLMError: for a missing or unreadable model, or an output folder that is the input.
    """
    adapter_dir, out_dir = Path(adapter_dir), Path(out_dir)
    if out_dir.resolve() == adapter_dir.resolve():
        raise ChiselLLMError(f"--out {out_dir} is the adapter folder itself", hint="pass a new folder for the merged model")
    if out_dir.exists() and not out_dir.is_dir():
        raise ChiselLLMError(f"--out {out_dir} is an existing file, not a folder",
                             hint="pass a folder path for the merged model (it is created if missing)")
    summary = read_eval_summary(eval_summary)  # checked before anything is loaded or written

    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer, GenerationConfig

    from chisellm.utils.table import progress

    source = resolve_model_source(adapter_dir, base)
    shard_size = parse_shard_size(shard_size)
    with progress("export: load, merge, save", 3) as step:
        try:
            # bf16, never quantized: merging LoRA into 4-bit weights would round the update away.
            model = AutoModelForCausalLM.from_pretrained(source.base, dtype=torch.bfloat16, local_files_only=True)
            tokenizer = AutoTokenizer.from_pretrained(source.tokenizer, local_files_only=True)
        except OSError as exc:
            raise ChiselLLMError(f"cannot load {source.label}: {str(exc).splitlines()[0]}",
                                 hint="the base model must be a local folder or in the local cache") from None
        step(1)
        if source.adapter:
            from peft import PeftModel

            model = PeftModel.from_pretrained(model, source.adapter).merge_and_unload()
        step(2)
        out_dir.mkdir(parents=True, exist_ok=True)
        model.save_pretrained(out_dir, max_shard_size=shard_size)
        tokenizer.save_pretrained(out_dir)
        _generation_config(source, tokenizer, GenerationConfig).save_pretrained(out_dir)
        step(3)
    record = find_run_record(adapter_dir)
    if record is not None:
        shutil.copyfile(adapter_dir / RUN_RECORD_NAME, out_dir / RUN_RECORD_NAME)
    shards = sorted(p.name for p in out_dir.glob("*.safetensors"))
    parameters = sum(p.numel() for p in model.parameters())
    card = render_model_card(source, record, parameters, shards, summary)
    atomic_write_text(out_dir / "README.md", card)
    return ExportResult(out_dir=out_dir, source=source, shards=shards, parameters=parameters)


def _generation_config(source: ModelSource, tokenizer: Any, generation_config_type: Any) -> Any:
    """The trained folder's generation config, else the base's, else one built from the tokenizer's EOS."""
    for folder in (source.adapter, source.base):
        if folder and (Path(folder) / "generation_config.json").exists():
            return generation_config_type.from_pretrained(folder)
    return generation_config_type(eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id)


def read_eval_summary(path: str | Path | None) -> EvalSummary | None:
    """The summary.json of an eval run (or of the run folder given), checked for what the model card shows.

    Raises:
        ChiselLLMError: for a missing file, text that is not UTF-8 JSON, or a summary without `overall` metrics.
    """
    if path is None:
        return None
    path = Path(path)
    if path.is_dir():
        path = path / "summary.json"
    if not path.exists():
        raise ChiselLLMError(f"{path}: eval summary not found", hint="pass the summary.json a `chisellm eval` run wrote")
    hint = "pass the summary.json a `chisellm eval` run wrote"
    summary = read_json(path, "eval summary")
    if not isinstance(summary, dict) or not isinstance(summary.get("overall"), dict):
        raise ChiselLLMError(f"{path}: not an eval summary (no `overall` metrics)", hint=hint)
    levels = summary.get("by_level", {})
    if not isinstance(levels, dict) or not all(isinstance(m, dict) for m in levels.values()):
        raise ChiselLLMError(f"{path}: `by_level` must map each level to its metrics", hint=hint)
    k = summary.get("k", [1])
    if not isinstance(k, list) or not all(isinstance(v, int) and not isinstance(v, bool) for v in k):
        raise ChiselLLMError(f"{path}: `k` must be a list of integers, got {k!r:.40}", hint=hint)
    for group, metrics in {"overall": summary["overall"], **levels}.items():
        for key in [f"pass@{v}" for v in k] + ["compile_rate"]:
            value = metrics.get(key)
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
                raise ChiselLLMError(f"{path}: `{group}.{key}` must be a number or null, got {value!r:.40}", hint=hint)
    if not isinstance(summary.get("run", {}), dict):
        raise ChiselLLMError(f"{path}: `run` must be an object", hint=hint)
    return EvalSummary.from_json(summary, str(path))
