from dataclasses import dataclass, field
from typing import Literal, Optional

import pytest

from chisellm.config import ConfigError, load_config, parse_overrides


@dataclass
class Inner:
    rank: int = 8


@dataclass
class Schema:
    model_name_or_path: str
    learning_rate: float = 1e-4
    bf16: bool = False
    lora_target: list[str] = field(default_factory=lambda: ["all"])
    scheduler: Literal["cosine", "linear"] = "cosine"
    resume: Optional[str] = None
    lora: Inner = field(default_factory=Inner)


def write(tmp_path, text):
    path = tmp_path / "c.yaml"
    path.write_text(text)
    return path


def test_loads_types_and_nested_groups(tmp_path):
    cfg = load_config(Schema, write(tmp_path, "model_name_or_path: m\nlearning_rate: 2e-4\nbf16: true\nlora:\n  rank: 64\n"))
    assert cfg.learning_rate == 2e-4 and cfg.bf16 is True and cfg.lora.rank == 64 and cfg.resume is None


def test_unknown_key_names_file_line_and_nearest(tmp_path):
    with pytest.raises(ConfigError) as info:
        load_config(Schema, write(tmp_path, "model_name_or_path: m\nlearning_rat: 1\n"))
    assert "c.yaml:2" in str(info.value) and "learning_rate" in info.value.hint


def test_overrides_win_and_are_typed(tmp_path):
    cfg = load_config(Schema, write(tmp_path, "model_name_or_path: m\n"), ["learning_rate=3e-5", "lora.rank=4",
                                                                          "lora_target=q_proj,v_proj"])
    assert cfg.learning_rate == 3e-5 and cfg.lora.rank == 4 and cfg.lora_target == ["q_proj", "v_proj"]


def test_bad_type_and_literal(tmp_path):
    with pytest.raises(ConfigError, match="must be true or false"):
        load_config(Schema, write(tmp_path, "model_name_or_path: m\nbf16: maybe\n"))
    with pytest.raises(ConfigError) as info:
        load_config(Schema, None, ["model_name_or_path=m", "scheduler=cosin"])
    assert "cosine" in info.value.hint


def test_missing_required_and_bad_yaml(tmp_path):
    with pytest.raises(ConfigError, match="model_name_or_path"):
        load_config(Schema, write(tmp_path, "bf16: true\n"))
    with pytest.raises(ConfigError, match=r"c.yaml:\d+: not valid YAML"):
        load_config(Schema, write(tmp_path, "a: 1\nb: [1, 2\n"))


def test_override_syntax_and_aliases(tmp_path):
    with pytest.raises(ConfigError, match="key=value"):
        parse_overrides(["novalue"])
    cfg = load_config(Schema, None, ["model=m"], aliases={"model": "model_name_or_path"})
    assert cfg.model_name_or_path == "m"
