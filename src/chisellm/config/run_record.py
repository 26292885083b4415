"""`chisellm_run.json`: the resolved config, dataset fingerprint and metrics saved beside every checkpoint and
the final adapter, so export and eval find the base model and settings without repeated arguments.

This module imports nothing heavy: export and eval read records without loading torch.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chisellm.utils.errors import ChiselLLMError
from chisellm.utils.io import atomic_write_text, read_json

RUN_RECORD_NAME = "chisellm_run.json"


@dataclass
class RunRecord:
    """What a training run saved about itself.

    Attributes:
        config: The resolved training config (keys as in the YAML: model_name_or_path, finetuning_type, ...).
        dataset_fingerprint: {"path", "sha256", "rows"} of the training data.
        chisellm_version: Version of chisellm that trained it.
        best_checkpoint: Folder of the best checkpoint by eval loss, when known.
        metrics: Final or at-checkpoint numbers (train_loss, eval_loss, step, samples_seen, ...).
    """

    config: dict[str, Any]
    dataset_fingerprint: dict[str, Any]
    chisellm_version: str
    best_checkpoint: str | None = None
    metrics: dict[str, Any] = field(default_factory=dict)

    @property
    def base_model(self) -> str:
        """The model the adapter was trained on (`model_name_or_path`), or "" when the record lacks it."""
        return str(self.config.get("model_name_or_path") or "")

    @property
    def datasets(self) -> list[str]:
        """The dataset names or files trained on (`dataset: a,b` gives two)."""
        return [name.strip() for name in str(self.config.get("dataset") or "").split(",") if name.strip()]

    @property
    def finetuning_type(self) -> str:
        """`lora` (the folder holds an adapter) or `full` (the folder holds a whole model)."""
        return str(self.config.get("finetuning_type", "lora"))

    @property
    def template(self) -> str:
        """Chat template name the prompts were rendered with."""
        return str(self.config.get("template", "qwen"))

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (the file's exact layout)."""
        return {"config": self.config, "dataset_fingerprint": self.dataset_fingerprint,
                "chisellm_version": self.chisellm_version, "best_checkpoint": self.best_checkpoint,
                "metrics": self.metrics}


def write_run_record(directory: str | Path, record: RunRecord) -> Path:
    """Write `chisellm_run.json` into `directory` atomically; returns its path."""
    path = Path(directory) / RUN_RECORD_NAME
    atomic_write_text(path, json.dumps(record.to_dict(), indent=2, sort_keys=False, default=str) + "\n")
    return path


def find_run_record(directory: str | Path) -> RunRecord | None:
    """The run record of a folder, or None when it has none (a model that `chisellm train` did not write).

    Raises:
        ChiselLLMError: if the record exists but is not valid.
    """
    return read_run_record(directory) if (Path(directory) / RUN_RECORD_NAME).is_file() else None


def read_run_record(directory: str | Path) -> RunRecord:
    """Read the run record of an adapter, model or checkpoint folder.

    Raises:
        ChiselLLMError: if the folder has no `chisellm_run.json` or it is not a valid record.
    """
    path = Path(directory) / RUN_RECORD_NAME
    if not path.is_file():
        raise ChiselLLMError(f"{path} not found: `{directory}` is not a chisellm training output",
                             hint="point at the output_dir of `chisellm train` or one of its checkpoint-N folders")
    data = read_json(path, "run record")
    try:
        return RunRecord(config=dict(data["config"]), dataset_fingerprint=dict(data["dataset_fingerprint"]),
                         chisellm_version=str(data["chisellm_version"]), best_checkpoint=data.get("best_checkpoint"),
                         metrics=dict(data.get("metrics") or {}))
    except (KeyError, TypeError, ValueError) as exc:
        raise ChiselLLMError(f"{path}: not a valid run record ({exc})", hint="re-run training or restore the file") from None
