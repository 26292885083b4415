"""`chisellm data register`: put the dataset where LLaMA-Factory reads datasets, as the reference
`setup_dataset.sh` did: copy the JSONL into `<checkout>/data/` (or, for a pip-installed LLaMA-Factory, into any
folder given as its `dataset_dir`) and merge our entry into that folder's `dataset_info.json` (other entries
are kept)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from chisellm.utils.errors import ChiselLLMError
from chisellm.utils.io import atomic_write_text, read_json


def register_dataset(llama_factory_dir: str | Path | None, dataset_dir: str | Path = "dataset",
                     data_dir: str | Path | None = None) -> Path:
    """Copy the training file and merge its dataset_info entry into LLaMA-Factory's data folder.

    Args:
        llama_factory_dir: A LLaMA-Factory checkout (it has a `data/` folder); None when `data_dir` is given.
        dataset_dir: The folder holding our `dataset_info.json` and the JSONL it names.
        data_dir: Any folder to use as LLaMA-Factory's `dataset_dir` (created if missing), for a pip install.

    Returns:
        The updated `dataset_info.json`.
    """
    if data_dir is not None:
        target = Path(data_dir)
        target.mkdir(parents=True, exist_ok=True)
    elif llama_factory_dir is None:
        raise ChiselLLMError("nowhere to register the dataset",
                             hint="pass a LLaMA-Factory checkout, or --data-dir DIR for a pip-installed LLaMA-Factory")
    else:
        target = Path(llama_factory_dir) / "data"
        if not target.is_dir():
            raise ChiselLLMError(f"{llama_factory_dir}: no `data/` folder, so this is not a LLaMA-Factory checkout",
                                 hint="pass the root of a LLaMA-Factory clone, or --data-dir DIR (any folder; then "
                                      "set dataset_dir: DIR in the LLaMA-Factory YAML) for a pip install")
    ours_path = Path(dataset_dir) / "dataset_info.json"
    if not ours_path.exists():
        raise ChiselLLMError(f"{ours_path}: not found", hint="run `chisellm data build` first")
    ours = _read_info(ours_path)
    theirs_path = target / "dataset_info.json"
    theirs = _read_info(theirs_path) if theirs_path.exists() else {}
    for name, entry in ours.items():
        source = Path(dataset_dir) / entry["file_name"]
        if not source.exists():
            raise ChiselLLMError(f"{source}: named by {ours_path} but missing", hint="run `chisellm data build`")
        shutil.copyfile(source, target / entry["file_name"])
        theirs[name] = entry
    atomic_write_text(theirs_path, json.dumps(theirs, indent=2, ensure_ascii=False) + "\n")
    return theirs_path


def _read_info(path: Path) -> dict:
    data = read_json(path, "dataset_info.json")
    if not isinstance(data, dict):
        raise ChiselLLMError(f"{path}: expected a JSON object of dataset entries", hint="fix the file")
    for name, entry in data.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("file_name"), str):
            raise ChiselLLMError(f"{path}: entry `{name}` needs a string `file_name`",
                                 hint="each entry is an object like {\"file_name\": \"chisel_sft.jsonl\", ...}")
    return data
