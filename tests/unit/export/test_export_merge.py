"""Export on CPU with a tiny random Qwen2: merged logits equal base + adapter, sharded safetensors, card."""

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "fixtures" / "eval"))
from tiny_qwen import build_adapter, build_base  # noqa: E402

from chisellm.export.merge import export_model, parse_shard_size  # noqa: E402
from chisellm.config.model_source import resolve_model_source  # noqa: E402
from chisellm.utils.errors import ChiselLLMError  # noqa: E402

pytestmark = pytest.mark.train


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    root = tmp_path_factory.mktemp("export")
    base = build_base(root / "base")
    adapter = build_adapter(base, root / "adapter")
    return base, adapter, root


def logits(model, tokens):
    import torch

    with torch.no_grad():
        return model(input_ids=tokens).logits.float()


def test_merged_logits_equal_base_plus_adapter(trained):
    import torch
    from peft import PeftModel
    from transformers import AutoModelForCausalLM

    base, adapter, root = trained
    summary = root / "summary.json"
    summary.write_text(json.dumps({"k": [1], "overall": {"pass@1": 0.25, "compile_rate": 0.5, "answered_tasks": 4},
                                   "by_level": {"L2": {"pass@1": 0.5, "compile_rate": 1.0, "answered_tasks": 2}},
                                   "run": {"eval_set": "eval/x.jsonl", "samples": 1, "temperature": 0.0}}))
    result = export_model(adapter, root / "merged", shard_size="2MB", eval_summary=summary)
    out = result.out_dir

    tokens = torch.randint(0, 500, (2, 24), generator=torch.Generator().manual_seed(0))
    # Compare in float32 on the bf16-rounded base, so the only difference left is the merge itself.
    def bf16_base():
        return AutoModelForCausalLM.from_pretrained(base, dtype=torch.bfloat16).float()

    reference = logits(PeftModel.from_pretrained(bf16_base(), adapter), tokens)
    plain = logits(bf16_base(), tokens)
    merged_model = AutoModelForCausalLM.from_pretrained(out)
    assert merged_model.dtype == torch.bfloat16
    merged = logits(merged_model.float(), tokens)
    adapter_effect = (plain - reference).abs().max()
    merge_error = (merged - reference).abs().max()
    assert adapter_effect > 0.5  # the adapter really changes the model ...
    assert merge_error < adapter_effect / 10  # ... and the merged weights reproduce it up to bf16 rounding
    assert (merged.argmax(-1) == reference.argmax(-1)).float().mean() > 0.9

    # Sharded safetensors with an index, tokenizer, generation config, model card, run record.
    index = json.loads((out / "model.safetensors.index.json").read_text())
    shards = set(index["weight_map"].values())
    assert len(shards) >= 2 and all((out / s).exists() for s in shards) and shards == set(result.shards)
    assert not any("lora" in key for key in index["weight_map"])
    assert (out / "tokenizer.json").exists() and (out / "chisellm_run.json").exists()
    assert json.loads((out / "generation_config.json").read_text())["eos_token_id"] is not None
    card = (out / "README.md").read_text()
    assert f'base_model: "{base}"' in card and "LoRA merged" in card and '"sha256"' in card
    assert "| L2 | 2 | 50.0% | 100.0% |" in card and "| lora_rank | `4` |" in card


def test_full_model_folder_is_resaved_without_merge(trained, tmp_path):
    base, _, _ = trained
    result = export_model(base, tmp_path / "resaved")
    assert result.source.adapter is None and (tmp_path / "resaved" / "README.md").exists()
    assert "full weights" in (tmp_path / "resaved" / "README.md").read_text()


def test_source_resolution_and_errors(trained, tmp_path):
    base, adapter, _ = trained
    source = resolve_model_source(adapter)
    assert source.base == str(base) and source.adapter == str(adapter) and source.tokenizer == str(adapter)
    with pytest.raises(ChiselLLMError, match="not found"):
        resolve_model_source(tmp_path / "nope")
    with pytest.raises(ChiselLLMError, match="is the adapter folder itself"):
        export_model(adapter, adapter)
    with pytest.raises(ChiselLLMError, match="not a size"):
        parse_shard_size("2 gigs")
    assert parse_shard_size("500mb") == "500MB"


def test_card_front_matter_carries_license_datasets_and_pipeline_tag(tmp_path):
    from chisellm.config.model_source import ModelSource
    from chisellm.config.run_record import RunRecord
    from chisellm.export.model_card import render_model_card

    base = tmp_path / "base"
    base.mkdir()
    (base / "README.md").write_text("---\nlicense: apache-2.0\ntags: [x]\n---\n# base\nlicense: mit\n")
    record = RunRecord(config={"model_name_or_path": str(base), "dataset": "chisel_sft, extra_set"},
                       dataset_fingerprint={}, chisellm_version="0")
    card = render_model_card(ModelSource(str(base), "a", "a"), record, 10, ["m.safetensors"], None)
    front = card.split("---")[1]
    assert "license: apache-2.0" in front and "pipeline_tag: text-generation" in front
    assert '- "chisel_sft"\n- "extra_set"' in front
    (base / "README.md").unlink()
    assert "license: unknown" in render_model_card(ModelSource(str(base), None, str(base)), None, 1, [], None)
