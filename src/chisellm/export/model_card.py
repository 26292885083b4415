"""The README.md model card of an exported model: base, dataset fingerprint, training config, eval results."""

from __future__ import annotations

import json
import re
from pathlib import Path

from chisellm.config.eval_summary import EvalSummary
from chisellm.config.model_source import ModelSource
from chisellm.config.run_record import RunRecord

CARD_CONFIG_KEYS = ("model_name_or_path", "finetuning_type", "template", "lora_rank", "lora_alpha", "lora_dropout",
                    "lora_target", "learning_rate", "num_train_epochs", "per_device_train_batch_size",
                    "gradient_accumulation_steps", "cutoff_len", "quantization_bit", "bf16", "dataset")


def render_model_card(source: ModelSource, record: RunRecord | None, parameters: int, shards: list[str],
                      eval_summary: EvalSummary | None) -> str:
    """Markdown model card with YAML front matter (library, base model, license, datasets, pipeline tag, tags)."""
    config = record.config if record else {}
    base = (record.base_model if record else "") or source.base
    datasets = record.datasets if record else []
    lines = ["---", "library_name: transformers", f"base_model: {json.dumps(str(base))}",
             f"license: {base_license(source.base)}", *(["datasets:"] + [f"- {json.dumps(d)}" for d in datasets]
                                                         if datasets else []),
             "pipeline_tag: text-generation", "tags: [chisel, hdl, chisellm]", "---", "", "# ChiseLLM model", "",
             "A code LLM fine-tuned to write Chisel (Scala-embedded hardware description) with ChiseLLM.", "",
             "## How it was made", "",
             f"- base model: `{base}`",
             f"- fine-tuning: {record.finetuning_type if record else 'unknown'}"
             + (" (LoRA merged into the bf16 base)" if source.adapter else " (full weights, saved in bf16)"),
             f"- parameters: {parameters:,}",
             f"- weights: {len(shards)} safetensors shard(s), bf16"]
    fingerprint = record.dataset_fingerprint if record else None
    if fingerprint:
        lines += ["", "## Dataset fingerprint", "", "```json", json.dumps(fingerprint, indent=2, sort_keys=True), "```"]
    if config:
        shown = {key: config[key] for key in CARD_CONFIG_KEYS if key in config}
        lines += ["", "## Training config (main keys; the full record is chisellm_run.json)", "", "| key | value |",
                  "|---|---|", *(f"| {key} | `{json.dumps(value)}` |" for key, value in shown.items())]
    if eval_summary:
        lines += ["", "## Evaluation (compiled, elaborated and simulated by the ChiseLLM engine)", ""]
        k_values = eval_summary.k
        lines += ["| level | tasks | " + " | ".join(f"pass@{k}" for k in k_values) + " | compile rate |",
                  "|---|---|" + "---|" * (len(k_values) + 1)]
        groups = {"all": eval_summary.overall, **eval_summary.by_level}
        for name, metrics in groups.items():
            cells = [_pct(metrics.get(f"pass@{k}")) for k in k_values] + [_pct(metrics.get("compile_rate"))]
            lines.append(f"| {name} | {metrics.get('answered_tasks')} | " + " | ".join(cells) + " |")
        run = eval_summary.run
        lines += ["", f"Eval set `{run.get('eval_set')}`, {run.get('samples')} sample(s) per task, "
                      f"temperature {run.get('temperature')}."]
    lines += ["", "## Use", "", "```python", "from transformers import AutoModelForCausalLM, AutoTokenizer",
              "model = AutoModelForCausalLM.from_pretrained(PATH, dtype='bfloat16')",
              "tokenizer = AutoTokenizer.from_pretrained(PATH)", "```", ""]
    return "\n".join(lines)


def base_license(base: str) -> str:
    """The `license:` of the base model's own card (a merged model carries its base's weights), else `unknown`."""
    card = Path(base) / "README.md"
    if card.is_file():
        text = card.read_text(encoding="utf-8", errors="replace")
        if text.startswith("---"):
            match = re.search(r"^license:\s*(\S+)\s*$", text.split("\n---", 1)[0], re.MULTILINE)
            if match:
                return match.group(1).strip("'\"")
    return "unknown"


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"
