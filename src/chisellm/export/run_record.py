"""Read `chisellm_run.json`, the record training writes beside every adapter and checkpoint."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from chisellm.utils.errors import ChiselLLMError

RUN_RECORD = "chisellm_run.json"


def read_run_record(directory: str | Path) -> dict[str, Any] | None:
    """The training record of an output folder, or None when the folder has none (e.g. a hub-style model).

    Uses the training stage's reader when it is installed, so both stages agree on the format.

    Raises:
        ChiselLLMError: when the record exists but is not valid JSON.
    """
    path = Path(directory) / RUN_RECORD
    if not path.exists():
        return None
    try:
        from chisellm.train.run_record import read_run_record as read_from_train
    except ImportError:
        read_from_train = None
    if read_from_train is not None:
        return read_from_train(directory).to_dict()
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ChiselLLMError(f"{path}: not valid JSON ({exc})", hint="re-run training or fix the file") from None
    if not isinstance(record, dict):
        raise ChiselLLMError(f"{path}: expected a JSON object", hint="re-run training or fix the file")
    return record


def training_config(record: dict[str, Any] | None) -> dict[str, Any]:
    """The resolved training config inside a record (empty when there is none)."""
    config = (record or {}).get("config")
    return config if isinstance(config, dict) else {}
