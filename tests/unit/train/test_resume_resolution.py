"""`resume_from_checkpoint`: auto skips a half-written checkpoint; an occupied output_dir is never overwritten silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from chisellm.config.train import load_train_config
from chisellm.train.recipe import resolve_resume
from chisellm.utils.errors import ChiselLLMError

pytestmark = pytest.mark.train

REPO = Path(__file__).resolve().parents[3]


def config(output_dir, *overrides):
    return load_train_config(REPO / "configs" / "train" / "tiny.yaml", [f"output_dir={output_dir}", *overrides])


def test_auto_takes_the_latest_complete_checkpoint(tmp_path):
    assert resolve_resume(config(tmp_path, "resume_from_checkpoint=auto")) is None  # nothing yet: fresh start
    for step in (5, 10, 15):
        (tmp_path / f"checkpoint-{step}").mkdir()
    for step in (5, 10):  # checkpoint-15 was being written when the run was killed
        (tmp_path / f"checkpoint-{step}" / "chisellm_run.json").write_text("{}")
    assert resolve_resume(config(tmp_path, "resume_from_checkpoint=auto")) == str(tmp_path / "checkpoint-10")


def test_occupied_output_dir_needs_a_decision(tmp_path):
    (tmp_path / "checkpoint-5").mkdir()
    (tmp_path / "checkpoint-5" / "chisellm_run.json").write_text("{}")
    with pytest.raises(ChiselLLMError, match="already holds checkpoints") as err:
        resolve_resume(config(tmp_path))
    assert "resume_from_checkpoint=auto" in err.value.hint
    assert resolve_resume(config(tmp_path, "overwrite_output_dir=true")) is None
    with pytest.raises(ChiselLLMError, match="does not exist"):
        resolve_resume(config(tmp_path, f"resume_from_checkpoint={tmp_path / 'nope'}"))
