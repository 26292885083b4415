"""Every shipped training config loads; unknown keys and bad combinations are errors that say what to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from chisellm.config.train import TrainConfig, load_train_config
from chisellm.utils.errors import ChiselLLMError

pytestmark = pytest.mark.train

REPO = Path(__file__).resolve().parents[3]
SHIPPED = sorted((REPO / "configs" / "train").glob("*.yaml")) + [REPO / "training" / "chisel_lora_config.yaml"]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_config_loads(path):
    config = load_train_config(path)
    assert isinstance(config, TrainConfig)
    assert path.read_text().startswith("# chisellm train "), "configs open with the command that runs them"


def test_reference_config_keeps_reference_values():
    config = load_train_config(REPO / "training" / "chisel_lora_config.yaml")
    assert (config.model_name_or_path, config.lora_rank, config.lora_alpha, config.lora_dropout) == (
        "Qwen/Qwen2.5-Coder-14B-Instruct", 64, 128, 0.05)
    assert (config.quantization_bit, config.cutoff_len, config.per_device_train_batch_size,
            config.gradient_accumulation_steps) == (4, 2048, 2, 8)
    assert (config.learning_rate, config.lr_scheduler_type, config.warmup_ratio, config.num_train_epochs) == (
        2e-4, "cosine", 0.1, 3.0)
    assert (config.val_size, config.eval_steps, config.save_steps, config.save_total_limit) == (0.05, 200, 500, 3)
    assert config.neat_packing is False and config.packing is False  # runs as written


def test_unknown_key_names_nearest(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("model_name_or_path: m\noutput_dir: o\ndataset: d\nlora_rnak: 8\n")
    with pytest.raises(ChiselLLMError) as err:
        load_train_config(path)
    assert "lora_rnak" in str(err.value) and "lora_rank" in str(err.value) and ":4" in str(err.value)


def test_overrides_and_aliases():
    config = load_train_config(REPO / "configs" / "train" / "tiny.yaml",
                               ["learning_rate=1e-4", "evaluation_strategy=no", "load_best_model_at_end=false",
                                "max_steps=3"])
    assert config.learning_rate == 1e-4 and config.eval_strategy == "no" and config.max_steps == 3


@pytest.mark.parametrize("overrides, message", [
    (["finetuning_type=full", "quantization_bit=4"], "quantization_bit needs finetuning_type: lora"),
    (["quantization_bit=3"], "quantization_bit must be 4, 8 or null"),
    (["save_steps=7"], "multiple of eval_steps"),
    (["val_size=1.5"], "val_size"),
])
def test_invalid_combinations(overrides, message):
    with pytest.raises(ChiselLLMError, match=message):
        load_train_config(REPO / "configs" / "train" / "tiny.yaml", overrides)


@pytest.mark.parametrize("path", sorted((REPO / "configs" / "accelerate").glob("*.yaml")), ids=lambda p: p.name)
def test_accelerate_configs_load(path):
    from accelerate.commands.config.config_args import load_config_from_file

    config = load_config_from_file(str(path))
    assert config.num_processes >= 2 and config.mixed_precision == "bf16"
    assert path.read_text().startswith("# accelerate launch --config_file configs/accelerate/")


def _load(tmp_path, extra: str):
    path = tmp_path / "c.yaml"
    path.write_text("model_name_or_path: m\noutput_dir: o\ndataset: d\n" + extra)
    return load_train_config(path)


def test_llama_factory_spellings_keep_their_meaning_or_are_refused(tmp_path):
    assert _load(tmp_path, "neat_packing: true\n").neat_packing is True
    with pytest.raises(ChiselLLMError, match="attend to each other.*neat_packing: true"):
        _load(tmp_path, "packing: true\n")
    with pytest.raises(ChiselLLMError, match="chisellm eval"):
        _load(tmp_path, "do_train: false\n")
    assert _load(tmp_path, "warmup_steps: 30\n").warmup == 30
    assert _load(tmp_path, "warmup_ratio: 0.1\n").warmup == 0.1
    with pytest.raises(ChiselLLMError, match="one of warmup_steps"):
        _load(tmp_path, "warmup_steps: 30\nwarmup_ratio: 0.1\n")
    assert _load(tmp_path, "report_to: none\n").report_to_list == []
    assert _load(tmp_path, "report_to: tensorboard,wandb\n").report_to_list == ["tensorboard", "wandb"]
    with pytest.raises(ChiselLLMError, match="report_to 'comet'"):
        _load(tmp_path, "report_to: comet\n")
    with pytest.raises(ChiselLLMError, match="deepspeed: ds.json is not a file"):
        _load(tmp_path, "deepspeed: ds.json\n")
    ds = tmp_path / "ds.json"
    ds.write_text("{}")
    assert _load(tmp_path, f"deepspeed: {ds}\n").deepspeed == str(ds)
