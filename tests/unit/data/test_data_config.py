"""Every shipped data config loads; typos and bad mixes are rejected with the key named."""

from __future__ import annotations

from pathlib import Path

import pytest

from chisellm.config.data import DataConfig
from chisellm.config.loader import ConfigError, load_config

ROOT = Path(__file__).resolve().parents[3]
CONFIGS = sorted((ROOT / "configs" / "data").glob("*.yaml"))


@pytest.mark.parametrize("path", CONFIGS, ids=[p.name for p in CONFIGS])
def test_shipped_config_loads(path: Path) -> None:
    cfg = load_config(DataConfig, path)
    assert cfg.train_rows >= 1
    assert abs(sum(cfg.level_mix.shares().values()) - 1) < 1e-9
    assert abs(sum(cfg.task_mix.shares().values()) - 1) < 1e-9
    assert path.read_text().startswith(f"# chisellm data build --config configs/data/{path.name}")


def test_default_config_is_the_release() -> None:
    cfg = load_config(DataConfig, ROOT / "configs" / "data" / "default.yaml")
    assert cfg.train_rows == 10550 and cfg.out == "dataset/chisel_sft_merged_10550.jsonl"
    assert cfg.dataset_name == "chisel_sft" and cfg.eval.out == "eval/eval_set_v1.jsonl"
    assert max(cfg.task_mix.shares(), key=cfg.task_mix.shares().get) == "spec2chisel"


def test_unknown_key_names_the_nearest(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("seed: 0\noversampel: 1.1\n")
    with pytest.raises(ConfigError, match=r"bad.yaml:2.*oversampel") as info:
        load_config(DataConfig, bad)
    assert "oversample" in (info.value.hint or "")


def test_nested_override_and_negative_share_rejected() -> None:
    cfg = load_config(DataConfig, None, ["task_mix.repair=0.3", "eval.per_training_family=2"])
    assert cfg.task_mix.repair == 0.3 and cfg.eval.per_training_family == 2
    with pytest.raises(ConfigError, match="task_mix"):
        load_config(DataConfig, None, ["task_mix.repair=-1"])
